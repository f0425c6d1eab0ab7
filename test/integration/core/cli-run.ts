/** The CLI's `main` run in this process, its output captured (and its standard input given when a test answers a prompt). */
import { Readable } from 'node:stream';
import { vi } from 'vitest';
import { main } from '../../../src-main/cli/index';

export async function runCli(argv: string[], input?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  const stdin = input === undefined ? null : vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([input]) as unknown as typeof process.stdin);
  try {
    const code = await main(argv);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    stdin?.mockRestore();
  }
}
