/**
 * `npm run server -- --port 8787 [--host 127.0.0.1] [--data-dir DIR] [--no-demo] [--seed N] [--demo-schools N] [--log] [--encrypt]
 *   [--jobs N] [--secret-file F] [--trust-proxy] [--public-url URL] [--tls-cert FILE --tls-key FILE]`
 * Data folder: --data-dir, else `PASSERELLE_DATA_DIR`, else under the user's data directory.
 * PostgreSQL when `DATABASE_URL` is set (then the signing key is required: `PASSERELLE_SERVER_SECRET` or
 * --secret-file, the same for every instance); SMTP when `SMTP_URL` is set. SIGINT/SIGTERM close cleanly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './config';
import { startEntServer, type StartOptions } from './index';

/** `--seed N` and `--demo-schools N` (the demo referent's extra schools, 0 to 2000). */
function demoOption(seed: string | undefined, schools: string | undefined): StartOptions['demo'] {
  const n = schools === undefined ? 0 : Number(schools);
  if (!Number.isInteger(n) || n < 0 || n > 2000) throw new Error(`nombre d'écoles de démonstration invalide : ${schools} (de 0 à 2000)`);
  if (!seed && n === 0) return true;
  return { ...(seed ? { seed: Number(seed) } : {}), ...(n ? { schools: n } : {}) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      'no-demo': { type: 'boolean', default: false },
      seed: { type: 'string' },
      'demo-schools': { type: 'string' },
      log: { type: 'boolean', default: false },
      encrypt: { type: 'boolean', default: false },
      'chunk-size': { type: 'string' },
      'chunk-delay-ms': { type: 'string' },
      jobs: { type: 'string' },
      'secret-file': { type: 'string' },
      'trust-proxy': { type: 'boolean', default: false },
      'public-url': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port invalide : ${values.port}`);
  const opts: StartOptions = {
    port,
    host: values.host,
    dataDir: values['data-dir'] ?? defaultDataDir(),
    demo: values['no-demo'] ? false : demoOption(values.seed, values['demo-schools']),
    log: values.log,
    encryptDatabase: values.encrypt,
  };
  if (process.env.DATABASE_URL) opts.databaseUrl = process.env.DATABASE_URL;
  if (values['chunk-size']) opts.workerChunkSize = Number(values['chunk-size']);
  if (values['chunk-delay-ms']) opts.workerChunkDelayMs = Number(values['chunk-delay-ms']);
  const jobs = values.jobs ?? process.env.PASSERELLE_MERGE_JOBS;
  if (jobs) {
    const n = Number(jobs);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`nombre de rapprochements simultanés invalide : ${jobs} (de 1 à 64)`);
    opts.workerConcurrency = n;
  }
  const secretFile = values['secret-file'] ?? process.env.PASSERELLE_SERVER_SECRET_FILE;
  if (secretFile) opts.secret = readFileSync(secretFile, 'utf8').trim();
  if (values['trust-proxy']) opts.trustProxy = true;
  if (values['public-url']) opts.publicUrl = values['public-url'];
  const tlsCert = values['tls-cert'];
  const tlsKey = values['tls-key'];
  if (Boolean(tlsCert) !== Boolean(tlsKey)) throw new Error('pour servir en https, donnez à la fois --tls-cert (certificat PEM) et --tls-key (clé privée PEM)');
  if (tlsCert && tlsKey) opts.tls = { cert: readFileSync(tlsCert), key: readFileSync(tlsKey) };
  const server = await startEntServer(opts);
  // Unexpected failures of the process land in the server's log files (without secrets) before it stops.
  process.on('uncaughtException', (err) => {
    server.logger.fatal({ err }, 'process.uncaught-exception');
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => server.logger.error({ err: reason }, 'process.unhandled-rejection'));
  process.stdout.write(
    `Serveur ENT de référence : ${server.url}\nDossier de données : ${server.dataDir}\n` +
      (server.demoAccountsFile ? `Comptes de démonstration : ${server.demoAccountsFile}\n` : '') +
      `Journaux : ${join(server.dataDir, 'logs')}\n` +
      `Base : ${opts.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : 'SQLite (ent.sqlite)'}\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal} reçu : arrêt du serveur…\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Démarrage impossible : ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
