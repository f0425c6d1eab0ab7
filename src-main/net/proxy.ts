/**
 * The environment's proxy, for the Node hosts (the CLI and the browser host inject it into the core as `proxyFor`;
 * it lives outside the core so that the Electron bundle, which never uses it, does not carry it: the Electron host uses Chromium's
 * network stack instead: system proxy, PAC, certificate store). `HTTPS_PROXY`, `NO_PROXY` and their lowercase forms
 * (lowercase first), `ALL_PROXY` as a fallback, with proxy-from-env's rules (the ones curl and wget follow), read each
 * time a client is made for an ENT address. The ENT goes through an HTTP CONNECT tunnel (https-proxy-agent: TLS stays
 * end to end, the certificate checked against Node's store and `NODE_EXTRA_CA_CERTS`).
 * An address on this computer (localhost, 127.0.0.0/8, [::1]) never goes through a proxy, as in Chromium: it is the
 * only kind the address rule lets be plain http (the reference server of `npm start`), and through a proxy its bearer
 * tokens would cross the network in clear — so HTTP_PROXY never applies to an ENT.
 * The agent gets the proxy's address without its credentials (they go in the CONNECT's Proxy-Authorization header),
 * so no debug log nor message can show them; a proxy that cannot be reached or refuses the tunnel fails the request
 * with a ProxyFailure naming its host:port, which the client words in French.
 */
import type { ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';
import { keyedError } from '../../src-shared/messages';
import { isLoopback, ProxyFailure, type ProxyFor, type ProxyRoute } from '../core';

type TunnelOptions = Parameters<HttpsProxyAgent<string>['connect']>[1];

/** CONNECT tunnel; a refused tunnel (any status but 200) or an unreachable proxy is a ProxyFailure. */
class TunnelAgent extends HttpsProxyAgent<string> {
  constructor(proxy: URL, headers: Record<string, string>, private readonly label: string) {
    super(proxy, { headers });
  }

  override async connect(req: ClientRequest, opts: TunnelOptions): Promise<Socket> {
    let status = 0;
    req.once('proxyConnect', (answer: { statusCode?: number }) => (status = answer.statusCode ?? 0));
    let socket: Socket;
    try {
      socket = await super.connect(req, opts);
    } catch (err) {
      throw new ProxyFailure(this.label, null, { cause: err });
    }
    if (status !== 200) {
      // The library would replay the proxy's answer as the ENT's: a 403 of the proxy is not the ENT's refusal.
      socket.destroy();
      throw new ProxyFailure(this.label, status);
    }
    return socket;
  }
}

function invalidProxy(): Error {
  // Never the value itself: it may hold a password.
  return keyedError(
    'validation',
    'ent.proxy-invalid',
    "Le proxy indiqué par la variable HTTPS_PROXY (ou ALL_PROXY) n'est pas une adresse utilisable : écrivez-la sous la forme http://proxy.academie.fr:3128 (seuls les proxys http:// et https:// sont pris en charge).",
  );
}

/** The proxy for an address from the environment, as the Node hosts use it (one agent per proxy, reused). */
export function proxyFromEnvironment(): ProxyFor {
  const agents = new Map<string, ProxyRoute>();
  return (url) => {
    const target = new URL(url);
    if (target.protocol !== 'https:' || isLoopback(target.hostname)) return null;
    const raw = getProxyForUrl(target);
    if (!raw) return null;
    let proxy: URL;
    try {
      proxy = new URL(raw);
    } catch {
      throw invalidProxy();
    }
    if ((proxy.protocol !== 'http:' && proxy.protocol !== 'https:') || !proxy.hostname) throw invalidProxy();
    const known = agents.get(raw);
    if (known) return known;
    const label = `${proxy.hostname}:${proxy.port || (proxy.protocol === 'https:' ? '443' : '80')}`;
    const headers: Record<string, string> = {};
    if (proxy.username || proxy.password) {
      let credentials: string;
      try {
        credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
      } catch {
        throw invalidProxy();
      }
      headers['Proxy-Authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
    }
    const bare = new URL(proxy.origin);
    const route: ProxyRoute = { agent: new TunnelAgent(bare, headers, label), proxy: label };
    agents.set(raw, route);
    return route;
  };
}
