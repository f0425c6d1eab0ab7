/**
 * A TCP proxy in front of the real server that can drop connections: when a request's first line matches a rule,
 * the server's answer is forwarded up to `afterResponseBytes` bytes, then both sockets are destroyed. The request
 * itself always reaches the server whole, so "cut after 0 bytes" is the worst case: applied, answer lost.
 */
import { createServer, connect, type Socket } from 'node:net';

export interface CutRule {
  match: RegExp;
  afterResponseBytes: number;
  /** How many matching requests to cut. */
  times: number;
}

export interface CuttingProxy {
  url: string;
  cut(rule: CutRule): void;
  /** Number of connections cut so far. */
  readonly cuts: number;
  close(): Promise<void>;
}

export async function startCuttingProxy(target: string): Promise<CuttingProxy> {
  const { hostname, port } = new URL(target);
  const rules: CutRule[] = [];
  const sockets = new Set<Socket>();
  let cuts = 0;
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    sockets.add(client);
    sockets.add(upstream);
    let remaining: number | null = null;
    const kill = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      const firstLine = chunk.subarray(0, 200).toString('latin1').split('\r\n')[0] ?? '';
      const rule = rules.find((r) => r.times > 0 && r.match.test(firstLine));
      if (rule) {
        rule.times--;
        remaining = rule.afterResponseBytes;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (remaining === null) {
        client.write(chunk);
        return;
      }
      if (chunk.length < remaining) {
        remaining -= chunk.length;
        client.write(chunk);
        return;
      }
      cuts++;
      client.write(chunk.subarray(0, remaining), kill);
      remaining = null;
    });
    client.on('error', kill);
    upstream.on('error', kill);
    client.on('close', () => {
      upstream.destroy();
      sockets.delete(client);
    });
    upstream.on('close', () => {
      client.destroy();
      sockets.delete(upstream);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut: (rule) => rules.push({ ...rule }),
    get cuts() {
      return cuts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
