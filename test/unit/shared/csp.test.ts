import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_META_CSP, rendererCsp } from '../../../src-shared/csp';
import { ELECTRON_CSP } from '../../../src-main/electron/security';
import { SECURITY_HEADERS } from '../../../src-main/host/security';

const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(' ')]));

describe('one renderer CSP', () => {
  it('the Electron window and the browser host send the same policy, except how the renderer reaches the core', () => {
    const electron = directives(ELECTRON_CSP);
    const browser = directives(SECURITY_HEADERS['Content-Security-Policy']!);
    expect(electron.get('connect-src')).toBe("'none'");
    expect(browser.get('connect-src')).toBe("'self'");
    electron.delete('connect-src');
    browser.delete('connect-src');
    expect(electron).toEqual(browser);
    expect(browser.get('default-src')).toBe("'none'");
    expect(browser.get('script-src')).toBe("'self'");
    expect(browser.get('frame-ancestors')).toBe("'none'");
  });

  it('the meta tag is the same policy without what a meta tag cannot carry, and index.html takes it from here', () => {
    const meta = directives(RENDERER_META_CSP);
    const header = directives(rendererCsp('http'));
    header.delete('frame-ancestors');
    expect(meta).toEqual(header);
    const html = readFileSync(resolve(import.meta.dirname, '../../../src-renderer/index.html'), 'utf8');
    expect(html).toContain('content="%PASSERELLE_CSP%"');
    expect(html.match(/Content-Security-Policy/g)).toHaveLength(1);
  });
});
