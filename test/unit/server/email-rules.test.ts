/** Only the full academic address prenom.nom@ac-<académie>.fr is accepted, with a reason otherwise. */
import { describe, expect, it } from 'vitest';
import { requireAcademicEmail } from '../../../src-server/services/email-rules';
import { HttpError } from '../../../src-server/http/errors';

function reason(email: string): string {
  try {
    requireAcademicEmail(email);
    return 'accepted';
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    expect(err.code).toBe('invalid-email');
    expect(err.status).toBe(400);
    return err.problems?.[0]?.message ?? '';
  }
}

describe('academic e-mail rule', () => {
  it.each(['jean.dupont@ac-aix-marseille.fr', 'Marie-Lou.Le-Goff@AC-RENNES.FR', 'anne-sophie.da-silva2@ac-lyon.fr', ' paul.martin@ac-creteil.fr '])('accepts %s', (email) => {
    expect(reason(email)).toBe('accepted');
  });

  it('normalises case and spaces', () => {
    expect(requireAcademicEmail(' Jean.Dupont@AC-Lille.fr ')).toBe('jean.dupont@ac-lille.fr');
  });

  it('refuses an alias, an establishment address, and anything else, saying why', () => {
    expect(reason('jdupont@ac-aix-marseille.fr')).toMatch(/alias/);
    expect(reason('ce.0131234X@ac-aix-marseille.fr')).toMatch(/établissement/);
    expect(reason('jean.dupont@gmail.com')).toMatch(/adresse académique/);
    expect(reason('jean.dupont@ac-aix-marseille.fr.evil.com')).toMatch(/adresse académique/);
    expect(reason('jean..dupont@ac-lyon.fr')).not.toBe('accepted');
  });
});
