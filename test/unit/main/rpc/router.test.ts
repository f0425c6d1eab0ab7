import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-shared/errors';
import { EventBus } from '../../../../src-main/rpc/events';
import { createRouter } from '../../../../src-main/rpc/router';
import type { AppInfoService } from '../../../../src-main/core/app-info';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { CoreSession, createOperations, type OperationTable } from '../../../../src-main/core';

// A real session on a temp folder, pointed where nothing listens: these tests exercise the router, not the core.
const dataRoot = mkdtempSync(join(tmpdir(), 'passerelle-router-'));
const session = new CoreSession({ dataRoot, serverUrl: 'http://127.0.0.1:9' });
afterAll(() => {
  session.close();
  rmSync(dataRoot, { recursive: true, force: true });
});
/** The core's whole operation table, with the given app-info service; server checks go to `events`. */
const operations = (info: AppInfoService, events = new EventBus()): OperationTable => createOperations({ session, appInfo: info, onServerStatus: (st) => events.emit('server.status', st) });

const status = { url: 'http://127.0.0.1:1', reachable: false };
function appInfo(overrides: Partial<AppInfoService> = {}): AppInfoService {
  return {
    info: async () => ({ name: 'Passerelle', version: '1.2.3', host: 'browser', dataDir: '/data', logsDir: '/data/logs', server: status }),
    checkServer: async () => status,
    ...overrides,
  };
}

describe('RPC router', () => {
  it('returns the operation value when input and output match the contract', async () => {
    const router = createRouter(operations(appInfo()));
    const result = await router.call('app.info', {});
    expect(result).toEqual({ ok: true, value: { name: 'Passerelle', version: '1.2.3', host: 'browser', dataDir: '/data', logsDir: '/data/logs', server: status } });
  });

  it('refuses a method outside the table, including prototype names', async () => {
    const router = createRouter(operations(appInfo()));
    for (const name of ['app.shutdown', '__proto__', 'constructor', 'toString', 42, null]) {
      const result = await router.call(name, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('unknown-method');
    }
  });

  it('rejects input that does not match the schema with a French validation error listing problems', async () => {
    const router = createRouter(operations(appInfo()));
    const result = await router.call('app.info', { unexpected: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation');
    expect(result.error.message).toMatch(/paramètres/);
    expect(result.error.problems?.[0]?.message).toMatch(/inconnu/);
  });

  it('passes AppError codes and messages through, and hides anything else', async () => {
    const seen: string[] = [];
    const failing = createRouter(operations(appInfo({ info: async () => { throw new AppError('offline'); } })));
    const offline = await failing.call('app.info', {});
    expect(offline).toMatchObject({ ok: false, error: { code: 'offline', message: expect.stringMatching(/ne répond pas/) } });

    const crashing = createRouter(
      operations(appInfo({ info: async () => { throw new TypeError('secret internal path /home/x'); } })),
      { onUnexpectedError: (method) => seen.push(method) },
    );
    const crash = await crashing.call('app.info', {});
    expect(crash.ok).toBe(false);
    expect(JSON.stringify(crash)).not.toMatch(/secret|TypeError|at /);
    expect(seen).toEqual(['app.info']);
  });

  it('refuses an output that breaks the contract instead of sending it', async () => {
    const broken: OperationTable = { ...operations(appInfo()), 'app.checkServer': async () => ({ url: 3 }) as never };
    const result = await createRouter(broken).call('app.checkServer', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('core methods validate their input (a UAI, a decision of a known kind) before reaching the core', async () => {
    const router = createRouter(operations(appInfo()));
    const badUai = await router.call('school.status', { uai: '../../etc' });
    expect(badUai).toMatchObject({ ok: false, error: { code: 'validation' } });
    const badDecision = await router.call('school.decide', { uai: '0131234X', decision: { kind: 'delete-school' } });
    expect(badDecision).toMatchObject({ ok: false, error: { code: 'validation' } });
    const notSignedIn = await router.call('school.status', { uai: '0131234X' });
    expect(notSignedIn).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/connecté/) } });
  });

  it('app.checkServer emits a server.status event', async () => {
    const events = new EventBus();
    const received: unknown[] = [];
    events.subscribe((name, payload) => received.push([name, payload]));
    await createRouter(operations(appInfo(), events)).call('app.checkServer', {});
    expect(received).toEqual([['server.status', status]]);
  });
});
