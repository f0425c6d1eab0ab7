/**
 * The server's files hold secrets and minors' data: the data folder is 0700, the database and key files 0600,
 * whatever existed before (a folder made by hand, a file restored from a backup with 0644).
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';

const isWindows = process.platform === 'win32';

/** Creates the folder if needed and makes it 0700. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!isWindows) chmodSync(dir, 0o700);
}

/** Makes an existing file 0600; with `create`, creates it empty first (so a program opening it later keeps 0600). */
export function privateFile(file: string, create = false): void {
  if (!existsSync(file)) {
    if (!create) return;
    closeSync(openSync(file, 'a', 0o600));
  }
  if (!isWindows) chmodSync(file, 0o600);
}

/** Writes a file readable by its owner only. */
export function writePrivateFile(file: string, content: string): void {
  writeFileSync(file, content, { mode: 0o600 });
  if (!isWindows) chmodSync(file, 0o600);
}
