/**
 * Shared plumbing of the CLI: one argument parser (node:util parseArgs, French errors), the app of the signed-in
 * user (data under PASSERELLE_DATA_DIR, one folder per user) reached through the same validated router as the
 * other hosts, prompts (hidden for passwords, through readline's public API), progress bars. No business logic.
 */
import { parseArgs } from 'node:util';
import { Writable } from 'node:stream';
import { createInterface, type Interface } from 'node:readline';
import { uaiSchema } from '../../src-shared/api';
import { AppError } from '../../src-shared/errors';
import type { RpcInput, RpcMethodName, RpcOutput } from '../../src-shared/rpc';
import { createPasserelleApp, type PasserelleApp } from '../app';
import { defaultDataRoot, type LegacyCredentials } from '../core';
import type { HostLog } from '../log';
import { proxyFromEnvironment } from '../net/proxy';
import type { CliIo } from './command';

/** The log of the command being run (`<data folder>/logs/cli.<date>.<n>.log`), opened by the dispatcher. */
let commandLog: HostLog | null = null;
export function useCommandLog(log: HostLog | null): void {
  commandLog = log;
}

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
type FlagValues<F extends FlagSpec> = { [K in keyof F]?: F[K]['type'] extends 'string' ? string : boolean } & { help?: boolean; server?: string };

/** node's parseArgs error → a French sentence naming the option. */
function frenchParseError(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Option inconnue : « ${option} ».`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `L'option ${option} attend une valeur.`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Argument inattendu : ${/'([^']+)'/.exec(message)?.[1] ?? ''}.`;
  return `Option invalide : ${message}`;
}

/** The one argument parser of every command (`--server` and `--help` always accepted). */
export function parse<F extends FlagSpec>(args: string[], flags: F, options: { positionals?: boolean } = {}): { values: FlagValues<F>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...flags, server: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: options.positionals ?? true, strict: true });
    return { values: values as FlagValues<F>, positionals };
  } catch (err) {
    throw new AppError('bad-request', frenchParseError(err));
  }
}

export function serverFlag(args: string[]): string | undefined {
  const i = args.indexOf('--server');
  if (i >= 0) return args[i + 1];
  const inline = args.find((a) => a.startsWith('--server='));
  return inline?.slice('--server='.length) ?? process.env.PASSERELLE_SERVER_URL;
}

/** The UAI argument, checked with the contract's own schema. */
export function requireUai(positionals: string[], command: string): string {
  const uai = positionals[0]?.toUpperCase();
  if (!uai || !uaiSchema.safeParse(uai).success) throw new AppError('bad-request', `Indiquez l'UAI de l'école (7 chiffres et une lettre), par exemple : passerelle ${command} 0131234X`);
  return uai;
}

export interface CliApp {
  app: PasserelleApp;
  /** One method through the validated router: its output, or the AppError it answered with. */
  call<M extends RpcMethodName>(method: M, input: RpcInput<M>): Promise<RpcOutput<M>>;
}

/**
 * The app for the CLI, with the last signed-in user reopened when there is one. `restore: false` (support's
 * `diagnostic inspect`): nobody's cache is opened.
 */
export async function openApp(args: string[], options: { requireUser?: boolean; restore?: boolean } = {}): Promise<CliApp> {
  const server = serverFlag(args);
  // The ENT through the environment's proxy (HTTPS_PROXY, NO_PROXY: proxyFromEnvironment), as curl would.
  const log = commandLog;
  const app = createPasserelleApp({ host: 'cli', dataDir: defaultDataRoot(), proxyFor: proxyFromEnvironment(), ...(log ? { logger: log.core, logsDir: log.dir } : {}), ...(server ? { serverUrl: server } : {}) });
  const cli: CliApp = { app, call: (method, input) => app.call(method, input) };
  if (options.restore === false) return cli;
  const account = await cli.call('session.restore', {}).catch(async (err: unknown) => {
    await app.close();
    throw err;
  });
  if (!account && options.requireUser !== false) {
    await app.close();
    throw new AppError('unauthorized', "Vous n'êtes pas connecté à ce serveur. Lancez d'abord : passerelle login");
  }
  return cli;
}

export async function withApp<T>(args: string[], run: (cli: CliApp) => Promise<T>, options: { requireUser?: boolean; restore?: boolean; io?: CliIo } = {}): Promise<T> {
  try {
    const cli = await openApp(args, options);
    try {
      return await run(cli);
    } finally {
      await cli.app.close();
    }
  } finally {
    if (options.io) closePrompts(options.io);
  }
}

interface PromptReader {
  rl: Interface;
  muted: boolean;
  closed: boolean;
  /** Lines typed or piped before a prompt asked for them. */
  queued: string[];
  waiting: Array<{ resolve: (line: string) => void; reject: (err: Error) => void }>;
}
const readers = new WeakMap<object, PromptReader>();

/** One line reader per input stream, shared by successive prompts (piped answers are not lost between them). */
function readerFor(io: CliIo): PromptReader {
  const existing = readers.get(io.stdin);
  if (existing) return existing;
  const stdin = io.stdin as NodeJS.ReadStream;
  const reader: PromptReader = { rl: undefined as unknown as Interface, muted: false, closed: false, queued: [], waiting: [] };
  // readline echoes what is typed to its output: a stream that drops the echo while a password is typed.
  const echo = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!reader.muted) io.stderr.write(chunk);
      done();
    },
  });
  reader.rl = createInterface({ input: stdin, output: echo, terminal: Boolean(stdin.isTTY) });
  reader.rl.on('line', (line) => {
    const waiter = reader.waiting.shift();
    if (waiter) waiter.resolve(line);
    else reader.queued.push(line);
  });
  reader.rl.on('close', () => {
    reader.closed = true;
    for (const waiter of reader.waiting.splice(0)) waiter.reject(new AppError('bad-request', 'Saisie interrompue.'));
  });
  readers.set(io.stdin, reader);
  return reader;
}

/** Asks a question on the terminal; `hidden` does not echo what is typed (passwords). */
export async function prompt(io: CliIo, question: string, hidden = false): Promise<string> {
  const reader = readerFor(io);
  io.stderr.write(question);
  const queued = reader.queued.shift();
  if (queued !== undefined) return queued.trim();
  if (reader.closed) throw new AppError('bad-request', 'Saisie interrompue.');
  reader.muted = hidden;
  try {
    const line = await new Promise<string>((resolve, reject) => reader.waiting.push({ resolve, reject }));
    return line.trim();
  } finally {
    reader.muted = false;
    if (hidden && (io.stdin as NodeJS.ReadStream).isTTY) io.stderr.write('\n');
  }
}

/** Releases the terminal once a command has asked everything it needed. */
export function closePrompts(io: CliIo): void {
  readers.get(io.stdin)?.rl.close();
  readers.delete(io.stdin);
}

export async function legacyCredentials(io: CliIo, login: string | undefined, password: string | undefined): Promise<LegacyCredentials> {
  io.stderr.write("Identifiants de l'an dernier (ancien compte ENT de directeur ou de référent) : ils servent une seule fois et ne sont pas enregistrés.\n");
  const l = login ?? (await prompt(io, 'Ancien identifiant : '));
  const p = password ?? (await prompt(io, 'Ancien mot de passe : ', true));
  if (!l || !p) throw new AppError('bad-request', "Identifiant et mot de passe de l'an dernier requis.");
  return { login: l, password: p };
}

/** Draws progress events as a bar on a terminal, one line per step otherwise. Returns the unsubscribe. */
export function showProgress(cli: CliApp, io: CliIo): () => void {
  const tty = Boolean((io.stderr as NodeJS.WriteStream).isTTY);
  let lastLine = '';
  const off = cli.app.on('progress', (p) => {
    const ratio = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
    const width = 24;
    const filled = Math.round(ratio * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)} % ${p.label ?? p.step}`;
    if (tty) io.stderr.write(`\r${line.padEnd(lastLine.length)}`);
    else if (line !== lastLine) io.stderr.write(`${line}\n`);
    lastLine = line;
  });
  return () => {
    off();
    if (tty && lastLine) io.stderr.write('\n');
  };
}
