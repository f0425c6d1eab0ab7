/**
 * The Node hosts' proxy (src-main/net/proxy.ts): which ENT addresses go through which proxy from the
 * environment (upper and lower case, NO_PROXY, ALL_PROXY, this computer never), what the agent and the messages
 * know of the proxy (never its credentials), and how a proxy's failure or an untrusted certificate is worded.
 * The real tunnels are in test/integration/cli/proxy.test.ts.
 */
import { AxiosError } from 'axios';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { AppError } from '../../../../src-shared/errors';
import { errorFromTransport, ProxyFailure } from '../../../../src-main/core/ent/errors';
import { proxyFromEnvironment } from '../../../../src-main/net/proxy';

const VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

beforeEach(() => {
  for (const name of VARIABLES) vi.stubEnv(name, '');
});
afterEach(() => vi.unstubAllEnvs());

const ENT = 'https://ent.ac-exemple.fr';

describe('proxyFromEnvironment', () => {
  it('goes direct without a proxy variable', () => {
    expect(proxyFromEnvironment()(ENT)).toBeNull();
  });

  it('tunnels an https ENT through HTTPS_PROXY, the lowercase variable first, ALL_PROXY last', () => {
    vi.stubEnv('HTTPS_PROXY', 'http://upper.proxy:3128');
    expect(proxyFromEnvironment()(ENT)?.proxy).toBe('upper.proxy:3128');
    vi.stubEnv('https_proxy', 'http://lower.proxy:8080');
    expect(proxyFromEnvironment()(ENT)?.proxy).toBe('lower.proxy:8080');
    vi.stubEnv('HTTPS_PROXY', '');
    vi.stubEnv('https_proxy', '');
    vi.stubEnv('ALL_PROXY', 'proxy.sans-schema:3129');
    const route = proxyFromEnvironment()(ENT);
    expect(route?.proxy).toBe('proxy.sans-schema:3129');
    expect(route?.agent).toBeInstanceOf(HttpsProxyAgent);
    // The default port of the proxy's scheme when none is written.
    vi.stubEnv('HTTPS_PROXY', 'https://secure.proxy');
    expect(proxyFromEnvironment()(ENT)?.proxy).toBe('secure.proxy:443');
  });

  it('never sends HTTP_PROXY an ENT: an https one uses HTTPS_PROXY, an http one is on this computer', () => {
    vi.stubEnv('HTTP_PROXY', 'http://plain.proxy:3128');
    expect(proxyFromEnvironment()(ENT)).toBeNull();
    expect(proxyFromEnvironment()('http://127.0.0.1:8787')).toBeNull();
  });

  it('honours NO_PROXY (and no_proxy): exact names, domain suffixes, ports, *', () => {
    vi.stubEnv('HTTPS_PROXY', 'http://proxy.ac:3128');
    const via = (url: string) => proxyFromEnvironment()(url)?.proxy ?? 'direct';
    vi.stubEnv('NO_PROXY', 'ent.ac-exemple.fr');
    expect(via(ENT)).toBe('direct');
    expect(via('https://autre.ac-exemple.fr')).toBe('proxy.ac:3128');
    vi.stubEnv('NO_PROXY', '.ac-exemple.fr, intranet');
    expect(via(ENT)).toBe('direct');
    expect(via('https://ent.ac-autre.fr')).toBe('proxy.ac:3128');
    vi.stubEnv('NO_PROXY', 'ent.ac-exemple.fr:8443');
    expect(via(ENT)).toBe('proxy.ac:3128');
    expect(via('https://ent.ac-exemple.fr:8443')).toBe('direct');
    vi.stubEnv('NO_PROXY', '');
    vi.stubEnv('no_proxy', '*');
    expect(via(ENT)).toBe('direct');
  });

  it('never sends this computer to a proxy (as Chromium does): localhost, 127.0.0.0/8, [::1]', () => {
    vi.stubEnv('HTTPS_PROXY', 'http://proxy.ac:3128');
    vi.stubEnv('ALL_PROXY', 'http://proxy.ac:3128');
    const proxyFor = proxyFromEnvironment();
    for (const url of ['https://localhost:8443', 'https://127.0.0.1:8443', 'https://127.4.5.6', 'https://[::1]:8443', 'http://localhost:8787']) expect(proxyFor(url), url).toBeNull();
  });

  it('keeps the credentials out of the agent’s address and of the label: they go in the CONNECT’s Proxy-Authorization', () => {
    vi.stubEnv('HTTPS_PROXY', 'http://jean.dupont:p%40ss%3Aw0rd@proxy.ac:3128/ignored');
    const route = proxyFromEnvironment()(ENT)!;
    expect(route.proxy).toBe('proxy.ac:3128');
    const agent = route.agent as HttpsProxyAgent<string>;
    expect(agent.proxy.href).toBe('http://proxy.ac:3128/');
    expect(agent.proxy.username + agent.proxy.password).toBe('');
    const headers = agent.proxyHeaders as Record<string, string>;
    expect(Buffer.from(headers['Proxy-Authorization']!.replace(/^Basic /, ''), 'base64').toString()).toBe('jean.dupont:p@ss:w0rd');
  });

  it('reuses one agent per proxy', () => {
    vi.stubEnv('HTTPS_PROXY', 'http://proxy.ac:3128');
    const proxyFor = proxyFromEnvironment();
    expect(proxyFor(ENT)?.agent).toBe(proxyFor('https://autre.ac-exemple.fr')?.agent);
  });

  it('refuses an unusable proxy address in French, without repeating it (it may hold a password)', () => {
    for (const value of ['http://', 'socks5://jean:secret@proxy.ac:1080', 'http://jean:%E0%A4%A@proxy.ac:3128']) {
      vi.stubEnv('HTTPS_PROXY', value);
      let error: unknown;
      try {
        proxyFromEnvironment()(ENT);
      } catch (err) {
        error = err;
      }
      expect(error, value).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('validation');
      expect((error as AppError).key).toBe('ent.proxy-invalid');
      expect((error as AppError).message).toMatch(/^Le proxy indiqué par la variable HTTPS_PROXY/);
      expect((error as AppError).message).not.toContain('secret');
    }
  });
});

describe('errors of the way to the ENT', () => {
  it('words a proxy that cannot be reached, refuses the tunnel or asks for credentials, found in the causes', () => {
    const wrapped = (failure: ProxyFailure) => Object.assign(new AxiosError(failure.message, failure.code), { cause: failure });
    const down = errorFromTransport(wrapped(new ProxyFailure('proxy.ac:3128', null, { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) })));
    expect(down).toMatchObject({ code: 'offline', key: 'ent.proxy-unreachable', params: { proxy: 'proxy.ac:3128' } });
    expect(down.message).toMatch(/^Le proxy proxy\.ac:3128 ne répond pas .*HTTPS_PROXY et NO_PROXY/);
    const refused = errorFromTransport(wrapped(new ProxyFailure('proxy.ac:3128', 403)));
    expect(refused).toMatchObject({ code: 'offline', key: 'ent.proxy-refused', params: { proxy: 'proxy.ac:3128', status: 403 } });
    expect(refused.message).toContain('a refusé la connexion au serveur de l\'ENT (réponse 403)');
    expect(errorFromTransport(wrapped(new ProxyFailure('proxy.ac:3128', 407)))).toMatchObject({ key: 'ent.proxy-auth', params: { status: 407 } });
  });

  it('says what to do with a certificate this computer does not trust (a TLS-inspecting proxy)', () => {
    for (const code of ['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID']) {
      const error = errorFromTransport(new AxiosError('tls', code));
      expect(error, code).toMatchObject({ code: 'offline', key: 'ent.certificate' });
      expect(error.message).toContain('NODE_EXTRA_CA_CERTS');
    }
  });

  it('names the proxy when the ENT does not answer through it, and not otherwise', () => {
    const reset = new AxiosError('socket hang up', 'ECONNRESET');
    expect(errorFromTransport(reset, 'proxy.ac:3128')).toMatchObject({ code: 'offline', key: 'ent.offline-proxy', params: { proxy: 'proxy.ac:3128' } });
    expect(errorFromTransport(reset)).toMatchObject({ code: 'offline', key: 'ent.offline' });
    expect(errorFromTransport(new Error('boom'))).toMatchObject({ code: 'internal' });
  });
});
