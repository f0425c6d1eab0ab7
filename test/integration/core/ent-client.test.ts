/** The ENT client against the real server: sign-in, transparent refresh, sign-out, typed refusals. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntClient } from '../../../src-main/core/ent/client';
import { MemoryTokenStore } from '../../../src-main/core/secrets';
import { startTestServer, type TestServer } from './helpers';

let ent: TestServer;
beforeAll(async () => {
  ent = await startTestServer();
});
afterAll(async () => {
  await ent.close();
});

describe('EntClient', () => {
  it('refreshes an expired access token once, transparently, and signs out', async () => {
    const tokens = new MemoryTokenStore();
    const client = new EntClient({ serverUrl: `${ent.server.url}/`, tokens });
    const d = ent.director('0131234X');
    await client.login(d.login, d.password);
    const stored = await tokens.load();
    if (!stored) throw new Error('no tokens');
    await tokens.save({ ...stored, accessToken: 'expired-or-forged-token' });
    expect((await client.call('me', {})).login).toBe(d.login);
    const rotated = await tokens.load();
    expect(rotated?.accessToken).not.toBe('expired-or-forged-token');
    expect(rotated?.refreshToken).not.toBe(stored.refreshToken);

    await client.logout();
    expect(await tokens.load()).toBeNull();
    await expect(client.call('me', {})).rejects.toMatchObject({ code: 'unauthorized' });
    // The revoked refresh token cannot be used any more.
    if (!rotated) throw new Error('no rotated tokens');
    await tokens.save({ ...rotated, accessToken: 'expired-or-forged-token' });
    await expect(client.call('me', {})).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await tokens.load()).toBeNull();
  });

  it('maps refusals to typed codes with French messages', async () => {
    const client = new EntClient({ serverUrl: ent.server.url, tokens: new MemoryTokenStore() });
    await expect(client.login('nobody', 'nothing')).rejects.toMatchObject({ code: 'unauthorized' });
    const d = ent.director('0131234X');
    await client.login(d.login, d.password);
    const other = await client.call('roster', { params: { uai: '0137890B' } }).catch((e: unknown) => e);
    expect(other).toMatchObject({ code: 'forbidden' });
    expect((other as Error).message).toMatch(/[éèà]/);
    const tokens = new MemoryTokenStore();
    const legacyClient = new EntClient({ serverUrl: ent.server.url, tokens });
    await legacyClient.login(d.login, d.password);
    const before = await tokens.load();
    const wrong = await legacyClient.call('legacyVerify', { body: { login: d.legacy.login, password: 'wrong-password' } }).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: 'unauthorized', message: "Identifiants de l'an dernier incorrects." });
    // A wrong old password is not mistaken for an expired session: no refresh, no second failed attempt.
    expect(await tokens.load()).toEqual(before);
  });

  it('refreshes ahead of the announced expiry', async () => {
    const tokens = new MemoryTokenStore();
    const client = new EntClient({ serverUrl: ent.server.url, tokens });
    const d = ent.director('0131234X');
    await client.login(d.login, d.password);
    const stored = await tokens.load();
    if (!stored) throw new Error('no tokens');
    await tokens.save({ ...stored, accessExpiresAt: new Date(Date.now() - 1000).toISOString() });
    await client.call('legacyVerify', { body: { login: d.legacy.login, password: d.legacy.password } });
    expect((await tokens.load())?.refreshToken).not.toBe(stored.refreshToken);
  });
});
