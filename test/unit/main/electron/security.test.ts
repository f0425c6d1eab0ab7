import { describe, expect, it } from 'vitest';
import { RENDERER_ENTRY_URL } from '../../../../src-main/electron/renderer-protocol';
import { decidePermission, decideWindowOpen, isAllowedNavigation, isTrustedRendererUrl } from '../../../../src-main/electron/security';

const index = RENDERER_ENTRY_URL;

describe('Electron security decisions', () => {
  it('trusts only our own entry page, app://passerelle/index.html, as IPC sender', () => {
    expect(index).toBe('app://passerelle/index.html');
    expect(isTrustedRendererUrl(index, index)).toBe(true);
    expect(isTrustedRendererUrl(`${index}#token`, index)).toBe(true);
    expect(isTrustedRendererUrl(`${index}?x=1`, index)).toBe(true);
    expect(isTrustedRendererUrl('app://passerelle/other.html', index)).toBe(false);
    expect(isTrustedRendererUrl('app://autre/index.html', index)).toBe(false);
    expect(isTrustedRendererUrl('app://moi:secret@passerelle/index.html', index)).toBe(false);
    expect(isTrustedRendererUrl('app://passerelle/%E0%A4%A', index)).toBe(false);
    // The file protocol is never trusted any more, not even our own bundle's file.
    expect(isTrustedRendererUrl('file:///opt/Passerelle/resources/app.asar/dist/renderer/index.html', index)).toBe(false);
    expect(isTrustedRendererUrl('file:///index.html', 'file:///index.html')).toBe(false);
    expect(isTrustedRendererUrl('https://passerelle/index.html', index)).toBe(false);
    expect(isTrustedRendererUrl('about:blank', index)).toBe(false);
    expect(isTrustedRendererUrl(undefined, index)).toBe(false);
    expect(isTrustedRendererUrl('not a url', index)).toBe(false);
  });

  it('blocks navigation away from the app', () => {
    expect(isAllowedNavigation(index, index)).toBe(true);
    expect(isAllowedNavigation('https://ent.example.fr', index)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', index)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', index)).toBe(false);
  });

  it('denies every permission and every new window', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) expect(decidePermission(p)).toBe(false);
    expect(decideWindowOpen('https://example.org')).toEqual({ action: 'deny' });
  });
});
