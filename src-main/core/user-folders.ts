/**
 * One data folder per signed-in user: `<dataRoot>/users/<key>/` holds the encrypted cache and its key file.
 * `<dataRoot>/session.json` only says which folder is current (no secret, no token).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const currentSessionSchema = z.object({
  serverUrl: z.string(),
  userKey: z.string().regex(/^[0-9a-f]{16}$/),
  login: z.string(),
});
export type CurrentSession = z.infer<typeof currentSessionSchema>;

export function userKeyFor(serverUrl: string, accountId: string): string {
  return createHash('sha256').update(`${serverUrl}\n${accountId}`).digest('hex').slice(0, 16);
}

export function userDir(dataRoot: string, userKey: string): string {
  return join(dataRoot, 'users', userKey);
}

const sessionFile = (dataRoot: string): string => join(dataRoot, 'session.json');

export function readCurrentSession(dataRoot: string): CurrentSession | null {
  try {
    const parsed = currentSessionSchema.safeParse(JSON.parse(readFileSync(sessionFile(dataRoot), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeCurrentSession(dataRoot: string, session: CurrentSession): void {
  mkdirSync(dataRoot, { recursive: true, mode: 0o700 });
  writeFileSync(sessionFile(dataRoot), JSON.stringify(session), { mode: 0o600 });
}

export function clearCurrentSession(dataRoot: string): void {
  rmSync(sessionFile(dataRoot), { force: true });
}

