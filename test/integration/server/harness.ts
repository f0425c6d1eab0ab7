/**
 * Test harness of the reference ENT server: one suite per backend (SQLite always, PostgreSQL when
 * `PASSERELLE_TEST_PG_URL` is set, else reported as skipped), a fresh data folder and a fresh PostgreSQL database
 * per server, a tiny HTTP client over real sockets.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { startEntServer, type RunningServer, type StartOptions } from '../../../src-server/index';
import { openDatabase, type Database } from '../../../src-server/db/connect';
import type { DB } from '../../../src-server/db/schema';
import { derivedKey, loadSigningKeys, parseSecrets } from '../../../src-server/services/crypto';
import { createMailer } from '../../../src-server/mail/mailer';

export const PG_URL = process.env.PASSERELLE_TEST_PG_URL;

export interface Backend { name: 'sqlite' | 'postgres'; skip: boolean }
export const backends: Backend[] = [
  { name: 'sqlite', skip: false },
  { name: 'postgres', skip: !PG_URL },
];

export interface DemoAccount { role: string; year: 'new' | 'old'; login: string; password: string; email?: string; school: string; name?: string }

export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!PG_URL) throw new Error('PASSERELLE_TEST_PG_URL is not set');
  const name = `passerelle_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await dropPgDatabase(name);
    },
  };
}

/** Drops a test database; retries while the server's last connections are closing. */
export async function dropPgDatabase(name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (err) {
      if (attempt >= 20) throw err;
    } finally {
      await c.end();
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface Res { status: number; headers: Headers; json: unknown; text: string }

/**
 * A tiny HTTP client over real sockets. `localAddress` binds the client to another loopback address (127.0.0.2…):
 * to the server it is another PC.
 */
export class Client {
  constructor(readonly base: string, public token?: string, readonly localAddress?: string) {}
  async call(method: string, path: string, opts: { body?: unknown; raw?: string; headers?: Record<string, string>; token?: string | null } = {}): Promise<Res> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const token = opts.token === null ? undefined : (opts.token ?? this.token);
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (opts.raw !== undefined) body = opts.raw;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    const url = new URL(this.base + path);
    const { status, responseHeaders, text } = await new Promise<{ status: number; responseHeaders: Headers; text: string }>((resolve, reject) => {
      const req = request(url, { method, headers, ...(this.localAddress ? { localAddress: this.localAddress } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
          resolve({ status: res.statusCode ?? 0, responseHeaders: h, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status, headers: responseHeaders, json, text };
  }
  get(path: string, opts: Parameters<Client['call']>[2] = {}) { return this.call('GET', path, opts); }
  post(path: string, body: unknown, opts: Parameters<Client['call']>[2] = {}) { return this.call('POST', path, { ...opts, body }); }
}

export interface TestServer {
  server: RunningServer;
  url: string;
  dataDir: string;
  accounts: DemoAccount[];
  /** Direct read access to the server's database (outbox, counts). */
  db: Kysely<DB>;
  client(token?: string, localAddress?: string): Client;
  login(a: DemoAccount, localAddress?: string): Promise<Client>;
  /** The mails sent to an address, as their recipient reads them (secrets put back while the server keeps them). */
  mails(recipient: string): Promise<Array<{ subject: string; text: string; storedBody: string; secret: string | null }>>;
  /** The signing secret given to the server (PostgreSQL), if any. */
  secret: string | undefined;
  find(pred: (a: DemoAccount) => boolean): DemoAccount;
  stop(): Promise<void>;
}

/** A signing secret for a PostgreSQL deployment (every instance of one test gets the same). */
export const newSecret = (): string => randomBytes(32).toString('base64');

export async function startTestServer(backend: Backend, extra: Partial<StartOptions> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-ent-'));
  const pgDb = backend.name === 'postgres' ? await createPgDatabase() : null;
  const secret = extra.secret ?? (pgDb ? newSecret() : undefined);
  const server = await startEntServer({ port: 0, dataDir, ...(pgDb ? { databaseUrl: pgDb.url } : {}), ...(secret ? { secret } : {}), workerIntervalMs: 50, ...extra });
  const database: Database = await openDatabase({ dataDir, ...(pgDb ? { databaseUrl: pgDb.url } : {}) });
  const keys = secret ? parseSecrets(secret) : loadSigningKeys({ dataDir, sharedDatabase: false });
  const reader = createMailer({ key: derivedKey(keys, 'mail') });
  const accounts = (JSON.parse(readFileSync(join(dataDir, 'demo-accounts.json'), 'utf8')) as { accounts: DemoAccount[] }).accounts;
  const t: TestServer = {
    server,
    url: server.url,
    dataDir,
    accounts,
    db: database.db,
    secret,
    client: (token, localAddress) => new Client(server.url, token, localAddress),
    async login(a, localAddress) {
      const res = await new Client(server.url, undefined, localAddress).post('/v1/auth/login', { login: a.login, password: a.password });
      if (res.status !== 200) throw new Error(`login ${a.login} failed: ${res.status} ${res.text}`);
      return new Client(server.url, (res.json as { accessToken: string }).accessToken, localAddress);
    },
    async mails(recipient) {
      const rows = await database.db.selectFrom('mail_outbox').selectAll().where('recipient', '=', recipient).orderBy('created_at').execute();
      return rows.map((r) => ({ subject: r.subject, text: reader.read(r), storedBody: r.body, secret: r.secret }));
    },
    find(pred) {
      const a = accounts.find(pred);
      if (!a) throw new Error('no such demo account');
      return a;
    },
    async stop() {
      await database.close();
      await server.close();
      await pgDb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

export const SCHOOLS = { rural: '0131234X', elementaire: '0134567K', primaire: '0137890B' } as const;
