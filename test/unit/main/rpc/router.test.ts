import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-shared/errors';
import { EventBus } from '../../../../src-main/rpc/events';
import { createHandlers } from '../../../../src-main/rpc/handlers';
import { createRouter, type RpcHandlers } from '../../../../src-main/rpc/router';
import type { AppInfoService } from '../../../../src-main/core/app/info';

const status = { url: 'http://127.0.0.1:1', reachable: false };
function appInfo(overrides: Partial<AppInfoService> = {}): AppInfoService {
  return {
    info: async () => ({ name: 'Passerelle', version: '1.2.3', host: 'browser', dataDir: '/data', server: status }),
    checkServer: async () => status,
    ...overrides,
  };
}

describe('RPC router', () => {
  it('returns the handler value when input and output match the contract', async () => {
    const router = createRouter(createHandlers({ appInfo: appInfo() }, new EventBus()));
    const result = await router.call('app.info', {});
    expect(result).toEqual({ ok: true, value: { name: 'Passerelle', version: '1.2.3', host: 'browser', dataDir: '/data', server: status } });
  });

  it('refuses a method outside the table, including prototype names', async () => {
    const router = createRouter(createHandlers({ appInfo: appInfo() }, new EventBus()));
    for (const name of ['app.shutdown', '__proto__', 'constructor', 'toString', 42, null]) {
      const result = await router.call(name, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('unknown-method');
    }
  });

  it('rejects input that does not match the schema with a French validation error listing problems', async () => {
    const router = createRouter(createHandlers({ appInfo: appInfo() }, new EventBus()));
    const result = await router.call('app.info', { unexpected: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation');
    expect(result.error.message).toMatch(/paramètres/);
    expect(result.error.problems?.[0]?.message).toMatch(/inconnu/);
  });

  it('passes AppError codes and messages through, and hides anything else', async () => {
    const seen: string[] = [];
    const failing = createRouter(createHandlers({ appInfo: appInfo({ info: async () => { throw new AppError('offline'); } }) }, new EventBus()));
    const offline = await failing.call('app.info', {});
    expect(offline).toMatchObject({ ok: false, error: { code: 'offline', message: expect.stringMatching(/ne répond pas/) } });

    const crashing = createRouter(
      createHandlers({ appInfo: appInfo({ info: async () => { throw new TypeError('secret internal path /home/x'); } }) }, new EventBus()),
      { onUnexpectedError: (method) => seen.push(method) },
    );
    const crash = await crashing.call('app.info', {});
    expect(crash.ok).toBe(false);
    expect(JSON.stringify(crash)).not.toMatch(/secret|TypeError|at /);
    expect(seen).toEqual(['app.info']);
  });

  it('refuses an output that breaks the contract instead of sending it', async () => {
    const handlers = createHandlers({ appInfo: appInfo() }, new EventBus());
    const broken: RpcHandlers = { ...handlers, 'app.checkServer': async () => ({ url: 3 }) as never };
    const result = await createRouter(broken).call('app.checkServer', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('app.checkServer emits a server.status event', async () => {
    const events = new EventBus();
    const received: unknown[] = [];
    events.subscribe((name, payload) => received.push([name, payload]));
    await createRouter(createHandlers({ appInfo: appInfo() }, events)).call('app.checkServer', {});
    expect(received).toEqual([['server.status', status]]);
  });
});
