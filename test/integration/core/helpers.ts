/** Real reference server on an ephemeral port + a core over a temp data folder, for the core's integration tests. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { startEntServer, type RunningServer } from '../../../src-server/index';
import { createPasserelleApp, type AppOptions, type PasserelleApp } from '../../../src-main/app';

const demoAccountSchema = z.object({ role: z.string(), year: z.enum(['new', 'old']), login: z.string(), password: z.string(), school: z.string() });
export type DemoAccount = z.infer<typeof demoAccountSchema>;

export interface TestServer {
  server: RunningServer;
  accounts: DemoAccount[];
  /** The director of `school` this year, and the account that may open last year's roster. */
  director(school: string): { login: string; password: string; legacy: { login: string; password: string } };
  close(): Promise<void>;
}

/** `demoSchools`: more schools for the demo referent, with her own old referent account (`--demo-schools N`). */
export async function startTestServer(options: { workerIntervalMs?: number; demoSchools?: number; port?: number; dataDir?: string } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'passerelle-ent-'));
  const server = await startEntServer({ port: options.port ?? 0, dataDir, demo: { seed: 2026, ...(options.demoSchools ? { schools: options.demoSchools } : {}) }, workerIntervalMs: options.workerIntervalMs ?? 20 });
  const file = server.demoAccountsFile;
  if (!file) throw new Error('demo accounts file missing');
  const accounts = z.object({ accounts: z.array(demoAccountSchema) }).parse(JSON.parse(readFileSync(file, 'utf8'))).accounts;
  return {
    server,
    accounts,
    director(school) {
      const pick = (year: 'new' | 'old'): DemoAccount => {
        const found = accounts.find((a) => a.school === school && a.year === year && a.role === 'director');
        if (!found) throw new Error(`no ${year} director for ${school}`);
        return found;
      };
      const now = pick('new');
      const old = pick('old');
      return { login: now.login, password: now.password, legacy: { login: old.login, password: old.password } };
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestCore {
  /** The app as every host builds it: `core.call(method, input)` goes through the validated router. */
  core: PasserelleApp;
  dataRoot: string;
  cleanup(): Promise<void>;
}

export function makeCore(serverUrl: string, extra: NonNullable<AppOptions['core']> = {}, dataRoot = mkdtempSync(join(tmpdir(), 'passerelle-core-'))): TestCore {
  const core = createPasserelleApp({ host: 'cli', dataDir: dataRoot, serverUrl, core: { retryDelaysMs: [20, 50, 100, 200], pollIntervalMs: 30, ...extra } });
  return {
    core,
    dataRoot,
    async cleanup() {
      await core.close();
      rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}

/**
 * What a director does before confirming, after the sure pairs: look at each pair still to decide and confirm it
 * (the demo's proposals to check are true pairs unless `refuse` says otherwise). Returns how many were confirmed.
 */
export async function settleReview(core: PasserelleApp, uai: string, refuse: (pair: { oldId: string; newId: string }) => boolean = () => false): Promise<number> {
  const { undecided } = (await core.call('school.preview', { uai })).review;
  const pairs = undecided.map((u) => ({ oldId: u.old.id, newId: u.new.id }));
  const accepted = pairs.filter((p) => !refuse(p));
  const refused = pairs.filter((p) => refuse(p));
  if (accepted.length) await core.call('school.decide', { uai, decision: { kind: 'accept-pairs', pairs: accepted } });
  if (refused.length) await core.call('school.decide', { uai, decision: { kind: 'refuse-pairs', pairs: refused } });
  return accepted.length;
}
