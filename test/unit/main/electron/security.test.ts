import { describe, expect, it } from 'vitest';
import { decidePermission, decideWindowOpen, isAllowedNavigation, isTrustedRendererUrl } from '../../../../src-main/electron/security';

const index = 'file:///opt/Passerelle/resources/app/dist/renderer/index.html';

describe('Electron security decisions', () => {
  it('trusts only our own bundled index.html as IPC sender', () => {
    expect(isTrustedRendererUrl(index, index)).toBe(true);
    expect(isTrustedRendererUrl(`${index}#token`, index)).toBe(true);
    expect(isTrustedRendererUrl('file:///opt/Passerelle/resources/app/dist/renderer/other.html', index)).toBe(false);
    expect(isTrustedRendererUrl('file:///tmp/evil/index.html', index)).toBe(false);
    expect(isTrustedRendererUrl('https://example.org/index.html', index)).toBe(false);
    expect(isTrustedRendererUrl('about:blank', index)).toBe(false);
    expect(isTrustedRendererUrl(undefined, index)).toBe(false);
    expect(isTrustedRendererUrl('not a url', index)).toBe(false);
  });

  it('blocks navigation away from the app', () => {
    expect(isAllowedNavigation(index, index)).toBe(true);
    expect(isAllowedNavigation('https://ent.example.fr', index)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', index)).toBe(false);
  });

  it('denies every permission and every new window', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) expect(decidePermission(p)).toBe(false);
    expect(decideWindowOpen('https://example.org')).toEqual({ action: 'deny' });
  });
});
