/** With an SMTP URL, mails written to the outbox are also sent (here to a minimal SMTP server of the test). */
import { createServer, type AddressInfo, type Server } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEntServer } from '../../../src-server/index';
import { openDatabase } from '../../../src-server/db/connect';
import { Client, type DemoAccount } from './harness';

function fakeSmtp(): Promise<{ server: Server; port: number; messages: string[] }> {
  const messages: string[] = [];
  const server = createServer((socket) => {
    let buffer = '';
    let inData = false;
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (d: Buffer) => {
      buffer += d.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          messages.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write('250 OK queued\r\n');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl).toUpperCase();
        buffer = buffer.slice(nl + 2);
        if (line.startsWith('EHLO')) socket.write('250-test\r\n250 8BITMIME\r\n');
        else if (line.startsWith('DATA')) {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (line.startsWith('QUIT')) socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, messages })));
}

describe('mail by SMTP', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-smtp-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('sends the activation mail and marks it sent in the outbox', async () => {
    const smtp = await fakeSmtp();
    const server = await startEntServer({ port: 0, dataDir, smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
    const db = await openDatabase({ dataDir });
    try {
      const accounts = (JSON.parse(readFileSync(join(dataDir, 'demo-accounts.json'), 'utf8')) as { accounts: DemoAccount[] }).accounts;
      const teacher = accounts.find((a) => a.role === 'teacher' && a.year === 'new');
      if (!teacher?.email) throw new Error('no teacher');
      expect((await new Client(server.url).post('/v1/activation', { email: teacher.email })).status).toBe(202);
      for (let i = 0; i < 100 && smtp.messages.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0]).toContain(teacher.login);
      let sent: string | null = null;
      for (let i = 0; i < 50 && !sent; i++) {
        sent = (await db.db.selectFrom('mail_outbox').select('sent_at').executeTakeFirstOrThrow()).sent_at;
        if (!sent) await new Promise((r) => setTimeout(r, 50));
      }
      expect(sent).toMatch(/^\d{4}-/);
    } finally {
      await db.close();
      await server.close();
      smtp.server.close();
    }
  });
});
