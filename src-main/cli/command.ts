import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
}

/** One CLI command. `run` returns the process exit code; it throws AppError for user-facing failures. */
export interface CliCommand {
  summary: string;
  /** One usage line; when set, the dispatcher answers `--help` with it (the command then never sees --help). */
  usage?: string;
  run(args: string[], io: CliIo): Promise<number>;
}
