/**
 * Shared plumbing of the CLI commands that use the desktop core: argument parsing, the core of the signed-in
 * user (data under PASSERELLE_DATA_DIR, one folder per user), prompts, progress bars. No business logic here.
 */
import { parseArgs } from 'node:util';
import { createInterface, type Interface } from 'node:readline';
import { AppError } from '../../../src-shared/errors';
import { createCore, defaultDataRoot, type Core, type LegacyCredentials } from '../../core';
import type { CliIo } from '../command';

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

type FlagValues<F extends FlagSpec> = { [K in keyof F]?: F[K]['type'] extends 'string' ? string : boolean } & { help?: boolean; server?: string };

export function parse<F extends FlagSpec>(args: string[], flags: F): { values: FlagValues<F>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...flags, server: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: values as FlagValues<F>, positionals };
  } catch (err) {
    throw new AppError('bad-request', `Option invalide : ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function serverFlag(args: string[]): string | undefined {
  const i = args.indexOf('--server');
  if (i >= 0) return args[i + 1];
  const inline = args.find((a) => a.startsWith('--server='));
  return inline?.slice('--server='.length) ?? process.env.PASSERELLE_SERVER_URL;
}

/** A core for the CLI, with the last signed-in user reopened when there is one. */
export async function openCore(args: string[], options: { requireUser?: boolean } = {}): Promise<Core> {
  const server = serverFlag(args);
  const core = createCore({ dataRoot: defaultDataRoot(), ...(server ? { serverUrl: server } : {}) });
  const account = await core.restore();
  if (!account && options.requireUser !== false) {
    await core.close();
    throw new AppError('unauthorized', "Vous n'êtes pas connecté à ce serveur. Lancez d'abord : passerelle login");
  }
  return core;
}

export function requireUai(positionals: string[], command: string): string {
  const uai = positionals[0]?.toUpperCase();
  if (!uai || !/^\d{7}[A-Z]$/.test(uai)) throw new AppError('bad-request', `Indiquez l'UAI de l'école (7 chiffres et une lettre), par exemple : passerelle ${command} 0131234X`);
  return uai;
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
  const rl = createInterface({ input: stdin, output: io.stderr, terminal: Boolean(stdin.isTTY) });
  const reader: PromptReader = { rl, muted: false, closed: false, queued: [], waiting: [] };
  const internals = rl as unknown as { _writeToOutput: (s: string) => void };
  const write = internals._writeToOutput.bind(rl);
  // While a password is typed, nothing it contains is echoed.
  internals._writeToOutput = (text: string) => {
    if (!reader.muted) write(text);
  };
  rl.on('line', (line) => {
    const waiter = reader.waiting.shift();
    if (waiter) waiter.resolve(line);
    else reader.queued.push(line);
  });
  rl.on('close', () => {
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
export function showProgress(core: Core, io: CliIo): () => void {
  const tty = Boolean((io.stderr as NodeJS.WriteStream).isTTY);
  let lastLine = '';
  const off = core.on('progress', (p) => {
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

export async function withCore<T>(args: string[], run: (core: Core) => Promise<T>, options: { requireUser?: boolean; io?: CliIo } = {}): Promise<T> {
  try {
    const core = await openCore(args, options);
    try {
      return await run(core);
    } finally {
      await core.close();
    }
  } finally {
    if (options.io) closePrompts(options.io);
  }
}
