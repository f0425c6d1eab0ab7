import { AxiosError } from 'axios';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { conflictWording, EntError, errorFromResponse, errorFromTransport, malformedAnswer } from '../../../../src-main/core/ent/errors';

describe('ENT error mapping', () => {
  it('maps statuses to typed codes', () => {
    const codes = [401, 403, 404, 409, 412, 422, 400, 429, 500, 503].map((s) => errorFromResponse(s, null).code);
    expect(codes).toEqual(['unauthorized', 'forbidden', 'not-found', 'conflict', 'stale-roster', 'validation', 'bad-request', 'rate-limited', 'server', 'server']);
  });

  it("keeps the server's problems and details", () => {
    const err = errorFromResponse(422, { error: { code: 'validation', message: 'Lot invalide', problems: [{ path: 'pupils.0', message: 'x' }] } });
    expect(err.message).toBe('Lot invalide');
    expect(err.problems).toEqual([{ path: 'pupils.0', message: 'x' }]);
    const stale = errorFromResponse(412, { error: { code: 'stale-roster', message: 'm', details: { currentVersions: { new: '2', old: '1' } } } });
    expect(stale.details?.currentVersions).toEqual({ new: '2', old: '1' });
    expect(stale.message).toMatch(/Téléchargez-la de nouveau/);
  });

  it('keeps invalid-email (a refused address) and maps 410 (given once, already taken) to not-found', () => {
    const refused = errorFromResponse(400, { error: { code: 'invalid-email', message: 'Utilisez votre adresse académique', problems: [{ path: 'email', message: 'Ceci est un alias' }] } });
    expect(refused.code).toBe('invalid-email');
    expect(refused.message).toBe('Utilisez votre adresse académique');
    expect(refused.problems).toEqual([{ path: 'email', message: 'Ceci est un alias' }]);
    expect(errorFromResponse(400, { error: { code: 'bad-request', message: 'x' } }).code).toBe('bad-request');
    expect(errorFromResponse(410, { error: { code: 'not-found', message: 'Déjà récupérés' } })).toMatchObject({ code: 'not-found', message: 'Déjà récupérés' });
  });

  it('turns transport failures into offline, anything else into internal', () => {
    expect(errorFromTransport(new AxiosError('socket hang up', 'ECONNRESET')).code).toBe('offline');
    expect(errorFromTransport(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })).code).toBe('offline');
    expect(errorFromTransport(new Error('bug')).code).toBe('internal');
  });

  it('describes a malformed answer in French, with the paths', () => {
    const parsed = z.object({ version: z.string() }).safeParse({});
    if (parsed.success) throw new Error('unexpected');
    const err = malformedAnswer('liste', parsed.error);
    expect(err).toBeInstanceOf(EntError);
    expect(err.code).toBe('server');
    expect(err.message).toMatch(/réponse inattendue \(liste\)/);
    expect(err.problems?.[0]?.path).toBe('version');
  });

  it('says who reconciled the school and when', () => {
    const byReferent = conflictWording({ acceptedAt: '2026-09-03T08:15:00.000Z', acceptedByRole: 'referent' });
    expect(byReferent.message).toMatch(/par le référent ENT le 3 septembre 2026 à 10:15/);
    expect(byReferent).toMatchObject({ key: 'school.reconciled-first', params: { role: 'referent', acceptedAt: '2026-09-03T08:15:00.000Z' } });
    expect(conflictWording(undefined).message).toMatch(/déjà été rapprochée/);
  });

  it("carries the server's message key and parameters, and words offline/server/stale answers itself", () => {
    const keyed = errorFromResponse(401, { error: { code: 'unauthorized', message: 'Identifiant ou mot de passe incorrect.', key: 'auth.wrong-credentials', params: { n: 2 } } });
    expect(keyed).toMatchObject({ code: 'unauthorized', message: 'Identifiant ou mot de passe incorrect.', key: 'auth.wrong-credentials', params: { n: 2 } });
    expect(errorFromResponse(500, { error: { code: 'internal', message: 'x', key: 'leak' } })).toMatchObject({ code: 'server', key: 'ent.server' });
    expect(errorFromResponse(502, '<html>')).toMatchObject({ code: 'server', key: 'ent.server' });
    expect(errorFromTransport(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toMatchObject({ code: 'offline', key: 'ent.offline' });
  });
});
