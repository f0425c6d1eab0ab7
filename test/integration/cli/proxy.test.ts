/**
 * The command line behind a proxy, as a school network has one: the real CLI (`node --import tsx
 * src-main/cli/index.ts`, what `npm run passerelle` runs) as a child process, the reference server over https with a
 * certificate made for the test (trusted through NODE_EXTRA_CA_CERTS, as an académie's TLS-inspection authority
 * would be), and a CONNECT proxy written here that resolves the ENT's name itself (the child cannot: only the proxy
 * knows `ent.passerelle.test`, as on a network where only the proxy reaches the Internet). Shown: every request the
 * server saw came through one of the proxy's tunnels (the merge's event stream too), the proxy's credentials go in
 * its header and nowhere else, lowercase variables and NO_PROXY are honoured, this computer is never proxied, and a
 * dead, refusing or demanding proxy and an untrusted certificate each give their French error, exit code 3.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startEntServer, type RunningServer } from '../../../src-server/index';
import { makeCertificate, type TestCertificate } from '../certificate';

const root = resolve(import.meta.dirname, '../../..');
const UAI = '0131234X';
const ENT_NAME = 'ent.passerelle.test';
const PROXY_USER = 'agent.passerelle';
const PROXY_PASSWORD = 's3cret!';
const PROXY_AUTH = `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')}`;

interface Seen { method: string; url: string; remotePort: number }
interface Tunnel { target: string; auth: string | undefined; upstreamPort: number }

/** A CONNECT proxy: checks its credentials, resolves `*.passerelle.test` to this computer, records each tunnel. */
async function startConnectProxy() {
  const tunnels: Tunnel[] = [];
  const refusals: Array<{ target: string; status: number }> = [];
  const sockets = new Set<Socket>();
  const state = { refuse: false, plainRequests: 0 };
  const server = createServer((_req, res) => {
    // Only tunnels here: an ENT is https, and this computer is never sent to a proxy.
    state.plainRequests++;
    res.writeHead(405).end();
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    const target = req.url ?? '';
    const auth = req.headers['proxy-authorization'];
    const answer = (status: number, text: string, extra = '') => {
      refusals.push({ target, status });
      client.end(`HTTP/1.1 ${status} ${text}\r\n${extra}Content-Length: 0\r\n\r\n`);
    };
    if (auth !== PROXY_AUTH) return answer(407, 'Proxy Authentication Required', 'Proxy-Authenticate: Basic realm="academie"\r\n');
    if (state.refuse) return answer(403, 'Forbidden');
    const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
    const upstream = connect(port, host.endsWith('.passerelle.test') ? '127.0.0.1' : host, () => {
      tunnels.push({ target, auth, upstreamPort: upstream.localPort ?? 0 });
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => (client.writable ? answer(502, 'Bad Gateway') : client.destroy()));
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    tunnels,
    refusals,
    state,
    /** The proxy's address as a user writes it in HTTPS_PROXY. */
    url: (withCredentials = true) => `http://${withCredentials ? `${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@` : ''}127.0.0.1:${port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** A port nothing listens on (taken, then released). */
async function deadPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

const demoAccountSchema = z.object({ role: z.string(), year: z.enum(['new', 'old']), login: z.string(), password: z.string(), school: z.string() });

let cert: TestCertificate;
let serverDir: string;
let dataDir: string;
let ent: RunningServer;
let entUrl: string;
let proxy: Awaited<ReturnType<typeof startConnectProxy>>;
const seen: Seen[] = [];
const outputs: string[] = [];

/** The environment of a school PC: no proxy variable but the ones a scenario sets, the académie's authority trusted. */
function env(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(https?|all|no)_proxy$/i.test(k) && k !== 'NODE_EXTRA_CA_CERTS'));
  const out: NodeJS.ProcessEnv = { ...base, PASSERELLE_DATA_DIR: dataDir, NODE_EXTRA_CA_CERTS: cert.certFile, PASSERELLE_SERVER_URL: '' };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** `npm run passerelle -- <args>` (asynchronously: the proxy and the server answer from this process). */
function passerelle(environment: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'src-main/cli/index.ts', ...args], { cwd: root, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      outputs.push(out, err);
      done({ code, out, err });
    });
  });
}

beforeAll(async () => {
  cert = makeCertificate({ dns: [ENT_NAME, 'localhost'], ip: ['127.0.0.1'] });
  serverDir = mkdtempSync(join(tmpdir(), 'passerelle-ent-proxy-'));
  dataDir = mkdtempSync(join(tmpdir(), 'passerelle-cli-proxy-'));
  // The server's own request log says who connected: each request's remote port.
  const log = new Writable({
    write(chunk: Buffer, _enc, next) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.includes('"incoming request"')) continue;
        const entry = JSON.parse(line) as { req: { method: string; url: string; remotePort: number } };
        seen.push({ method: entry.req.method, url: entry.req.url, remotePort: entry.req.remotePort });
      }
      next();
    },
  });
  ent = await startEntServer({ port: 0, dataDir: serverDir, demo: { seed: 2026 }, workerIntervalMs: 20, log: true, logStream: log, tls: { cert: cert.cert, key: cert.key } });
  entUrl = `https://${ENT_NAME}:${new URL(ent.url).port}`;
  proxy = await startConnectProxy();
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await ent?.close();
  rmSync(serverDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
  cert?.remove();
});

function director() {
  const accounts = z.object({ accounts: z.array(demoAccountSchema) }).parse(JSON.parse(readFileSync(ent.demoAccountsFile ?? '', 'utf8'))).accounts;
  const pick = (year: 'new' | 'old') => accounts.find((a) => a.school === UAI && a.year === year && a.role === 'director')!;
  return { now: pick('new'), old: pick('old') };
}

/** A command that must reach the ENT (`schools` would answer from the cache when the ENT is out of reach). */
function signIn(): string[] {
  const { now } = director();
  return ['login', '--login', now.login, '--password', now.password, '--server', entUrl];
}

describe('the CLI behind a proxy (HTTPS_PROXY, NO_PROXY, NODE_EXTRA_CA_CERTS)', () => {
  it('sends every ENT request of a whole reconciliation through the proxy’s tunnels, the event stream included', async () => {
    const { now, old } = director();
    const viaProxy = env({ HTTPS_PROXY: proxy.url() });
    const server = ['--server', entUrl];
    const run = async (...args: string[]) => {
      const r = await passerelle(viaProxy, ...args, ...server);
      expect(r.code, `${args[0]}: ${r.err}`).toBe(0);
      return r;
    };
    expect((await run('info')).out).toMatch(/— répond \(.*serveur ENT de référence/);
    expect((await run('login', '--login', now.login, '--password', now.password)).out).toMatch(/Connecté en tant que/);
    expect((await run('schools')).out).toContain(UAI);
    expect((await run('pull', UAI, '--legacy-login', old.login, '--legacy-password', old.password)).out).toMatch(/Propositions : \d+ sûres/);
    await run('accept-auto', UAI);
    const review = JSON.parse((await run('review', UAI, '--json')).out) as Array<{ ancien_id: string; nouveau_id: string }>;
    for (const pair of review) await run('link', UAI, pair.ancien_id, pair.nouveau_id);
    await run('confirm', UAI, '--yes');
    expect((await run('push')).out).toMatch(/fusion terminée/);

    // What the server saw, and where it came from: every request from one of the proxy's tunnels, one tunnel each.
    const ports = new Set(proxy.tunnels.map((t) => t.upstreamPort));
    expect(seen.length).toBeGreaterThanOrEqual(10);
    expect(seen.filter((s) => !ports.has(s.remotePort))).toEqual([]);
    expect(proxy.tunnels.length).toBe(seen.length);
    expect(proxy.tunnels.every((t) => t.target === `${ENT_NAME}:${new URL(entUrl).port}` && t.auth === PROXY_AUTH)).toBe(true);
    const routes = seen.map((s) => `${s.method} ${s.url.replace(/\/[0-9a-f-]{36}(?=\/|$)/g, '/:id')}`);
    for (const route of ['GET /v1/health', 'POST /v1/auth/login', 'POST /v1/legacy/verify', `GET /v1/legacy/schools/${UAI}/roster`, `POST /v1/schools/${UAI}/merges`, 'GET /v1/merges/:id/events']) expect(routes).toContain(route);
    expect(proxy.state.plainRequests).toBe(0);
    // The proxy's password went in its header only: never printed.
    expect(outputs.join('\n')).not.toContain(PROXY_PASSWORD);
    expect(outputs.join('\n')).not.toContain(encodeURIComponent(PROXY_PASSWORD));
  }, 180_000);

  it('honours the lowercase variables, and NO_PROXY sends the ENT it names directly, never to the proxy', async () => {
    const lower = await passerelle(env({ https_proxy: proxy.url() }), ...signIn());
    expect(lower.code, lower.err).toBe(0);
    expect(lower.out).toMatch(/Connecté en tant que/);
    const [tunnels, requests] = [proxy.tunnels.length, seen.length];
    // Direct: this computer cannot resolve the ENT's name (only the proxy can), so the direct attempt fails as offline.
    for (const noProxy of [{ no_proxy: '.passerelle.test' }, { NO_PROXY: ENT_NAME }]) {
      const direct = await passerelle(env({ https_proxy: proxy.url(), ...noProxy }), ...signIn());
      expect(direct.code).toBe(3);
      expect(direct.err).toContain("Le serveur de l'ENT ne répond pas.");
      expect(direct.err).not.toContain('proxy');
    }
    expect(proxy.tunnels.length).toBe(tunnels);
    expect(proxy.refusals).toEqual([]);
    expect(seen.length).toBe(requests);
  }, 60_000);

  it('never sends this computer to the proxy', async () => {
    const tunnels = proxy.tunnels.length;
    const requests = seen.length;
    const local = `https://127.0.0.1:${new URL(ent.url).port}`;
    const run = await passerelle(env({ HTTPS_PROXY: `http://127.0.0.1:${await deadPort()}` }), 'info', '--server', local);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('répond');
    expect(proxy.tunnels.length).toBe(tunnels);
    const direct = seen.slice(requests);
    expect(direct.length).toBeGreaterThan(0);
    const ports = new Set(proxy.tunnels.map((t) => t.upstreamPort));
    expect(direct.every((s) => !ports.has(s.remotePort))).toBe(true);
  }, 60_000);

  it('a dead proxy: a French error saying to check the proxy settings, exit 3, no stack trace, no password', async () => {
    const port = await deadPort();
    const requests = seen.length;
    const dead = env({ HTTPS_PROXY: `http://${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@127.0.0.1:${port}` });
    const run = await passerelle(dead, ...signIn());
    expect(run.code).toBe(3);
    expect(run.err).toBe(`Erreur : Le proxy 127.0.0.1:${port} ne répond pas : le serveur de l'ENT n'a pas pu être joint. Vérifiez les réglages du proxy (variables HTTPS_PROXY et NO_PROXY) et la connexion, puis réessayez ; vos décisions sont conservées.\n`);
    const info = await passerelle(dead, 'info', '--server', entUrl);
    expect(info.code).toBe(3);
    expect(info.out).toContain('ne répond pas');
    for (const text of [run.out, run.err, info.out, info.err]) {
      expect(text).not.toMatch(/\n\s+at /);
      expect(text).not.toContain(PROXY_PASSWORD);
      expect(text).not.toContain(PROXY_USER);
    }
    expect(seen.length).toBe(requests);
  }, 60_000);

  it('a proxy that refuses the tunnel (403) or wants credentials (407): its refusal, not the ENT’s', async () => {
    const requests = seen.length;
    proxy.state.refuse = true;
    try {
      const refused = await passerelle(env({ HTTPS_PROXY: proxy.url() }), ...signIn());
      expect(refused.code).toBe(3);
      expect(refused.err).toContain(`Le proxy 127.0.0.1:${proxy.port} a refusé la connexion au serveur de l'ENT (réponse 403).`);
      expect(refused.err).not.toContain("Votre compte n'a pas le droit");
    } finally {
      proxy.state.refuse = false;
    }
    const anonymous = await passerelle(env({ HTTPS_PROXY: proxy.url(false) }), ...signIn());
    expect(anonymous.code).toBe(3);
    expect(anonymous.err).toContain(`Le proxy 127.0.0.1:${proxy.port} demande une identification (réponse 407).`);
    expect(proxy.refusals.map((r) => r.status)).toEqual([403, 407]);
    expect(seen.length).toBe(requests);
  }, 60_000);

  it('the browser host (npm start’s, as a child process) reaches the ENT through the proxy too', async () => {
    const [tunnels, requests] = [proxy.tunnels.length, seen.length];
    const hostDir = mkdtempSync(join(tmpdir(), 'passerelle-host-proxy-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/host/main.ts'], {
      cwd: root,
      env: { ...env({ HTTPS_PROXY: proxy.url() }), PASSERELLE_SERVER_URL: entUrl, PASSERELLE_DATA_DIR: hostDir, PASSERELLE_HOST_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<URL>((found, fail) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
          if (m?.[1]) found(new URL(m[1]));
        });
        child.on('exit', (code) => fail(new Error(`browser host exited (${String(code)}): ${out}`)));
      });
      const token = url.hash.slice('#token='.length);
      const rpc = async (method: string, input: unknown) => {
        const res = await fetch(`${url.origin}/rpc/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
        return (await res.json()) as { ok: boolean; value?: { server?: { reachable: boolean } }; error?: { message: string } };
      };
      const info = await rpc('app.info', {});
      expect(info.value?.server?.reachable, JSON.stringify(info)).toBe(true);
      const { now } = director();
      const signedIn = await rpc('session.signIn', { login: now.login, password: now.password });
      expect(signedIn.ok, JSON.stringify(signedIn.error)).toBe(true);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(hostDir, { recursive: true, force: true });
    }
    const fresh = seen.slice(requests);
    const ports = new Set(proxy.tunnels.slice(tunnels).map((t) => t.upstreamPort));
    expect(fresh.map((s) => s.url)).toEqual(expect.arrayContaining(['/v1/health', '/v1/auth/login']));
    expect(fresh.filter((s) => !ports.has(s.remotePort))).toEqual([]);
  }, 60_000);

  it('a TLS-inspecting proxy whose authority is not given: the certificate is not trusted, said in French with NODE_EXTRA_CA_CERTS', async () => {
    const requests = seen.length;
    const run = await passerelle(env({ HTTPS_PROXY: proxy.url(), NODE_EXTRA_CA_CERTS: undefined }), ...signIn());
    expect(run.code).toBe(3);
    expect(run.err).toContain("ce poste ne reconnaît pas son certificat");
    expect(run.err).toContain('NODE_EXTRA_CA_CERTS');
    expect(seen.length).toBe(requests);
  }, 60_000);
});
