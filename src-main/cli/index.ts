/**
 * `passerelle` command line: a thin host. Parses the command name, hands the rest to the command module,
 * prints French errors (never a stack trace) and exits with a meaningful code.
 *
 * Exit codes: 0 ok, 1 operation failed (server, conflict…), 2 bad input (arguments, malformed file), 3 offline.
 */
import { AppError } from '../../src-shared/errors';
import { defaultDataRoot } from '../core';
import { logProcessFailures, logsDirOf, openHostLog, type HostLog } from '../log';
import type { CliCommand } from './command';
import { useCommandLog } from './session';

const COMMANDS: Record<string, () => Promise<{ default: CliCommand }>> = {
  info: () => import('./commands/info'),
  match: () => import('./commands/match'),
  login: () => import('./commands/login'),
  logout: () => import('./commands/logout'),
  schools: () => import('./commands/schools'),
  pull: () => import('./commands/pull'),
  status: () => import('./commands/status'),
  'accept-auto': () => import('./commands/accept-auto'),
  review: () => import('./commands/review'),
  link: () => import('./commands/link'),
  refuse: () => import('./commands/refuse'),
  unlink: () => import('./commands/unlink'),
  decisions: () => import('./commands/decisions'),
  confirm: () => import('./commands/confirm'),
  push: () => import('./commands/push'),
  progress: () => import('./commands/progress'),
  class: () => import('./commands/class'),
  'old-data': () => import('./commands/old-data'),
  diagnostic: () => import('./commands/diagnostic'),
};

async function usage(): Promise<string> {
  const lines = await Promise.all(
    Object.entries(COMMANDS).map(async ([name, load]) => `  ${name.padEnd(12)} ${(await load()).default.summary}`),
  );
  return ['Usage : passerelle <commande> [options]', '', 'Commandes :', ...lines, '', 'Ajoutez --help après une commande pour son aide.'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write((await usage()) + '\n');
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`Commande inconnue : « ${name} ».\n${await usage()}\n`);
    return 2;
  }
  // The command's log: its name and exit code, the core's events, errors (never its arguments: they may hold a password).
  const log = await openHostLog({ dir: logsDirOf(defaultDataRoot()), host: 'cli' }).catch(() => null);
  useCommandLog(log);
  const started = Date.now();
  let code = 1;
  try {
    const command = (await load()).default;
    if (command.usage && (rest.includes('--help') || rest.includes('-h'))) {
      process.stdout.write(`Usage : ${command.usage}\n${command.summary}.\n`);
      return (code = 0);
    }
    code = await command.run(rest, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
    return code;
  } catch (err) {
    code = reportError(err, log);
    return code;
  } finally {
    log?.logger.info({ command: name, exitCode: code, ms: Date.now() - started }, 'cli.command');
    useCommandLog(null);
    await log?.close();
  }
}

export function exitCodeFor(err: AppError): number {
  if (err.code === 'offline') return 3;
  if (err.code === 'validation' || err.code === 'bad-request') return 2;
  return 1;
}

function reportError(err: unknown, log: HostLog | null): number {
  if (err instanceof AppError) {
    log?.logger.warn({ err }, 'cli.error');
    process.stderr.write(`Erreur : ${err.message}\n`);
    for (const p of err.problems ?? []) process.stderr.write(`  - ${p.path} : ${p.message}\n`);
    return exitCodeFor(err);
  }
  // Unexpected: keep details out of the user's terminal unless explicitly asked for; the log keeps them (without secrets).
  log?.logger.error({ err }, 'cli.unexpected');
  process.stderr.write("Erreur inattendue. Relancez avec PASSERELLE_DEBUG=1 pour le détail technique, ou contactez l'assistance.\n");
  if (process.env.PASSERELLE_DEBUG === '1') process.stderr.write(String(err instanceof Error ? err.stack : err) + '\n');
  return 1;
}

// Run when executed directly (npm run passerelle / tsx src-main/cli/index.ts).
const invokedDirectly = process.argv[1] !== undefined && /src-main[\\/]cli[\\/]index\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  // A failure outside the command's own handling (a promise rejected after it answered): in a log of its own.
  void openHostLog({ dir: logsDirOf(defaultDataRoot()), host: 'cli' }).then((log) => logProcessFailures(log, () => process.exit(1)), () => undefined);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 1;
    },
  );
}
