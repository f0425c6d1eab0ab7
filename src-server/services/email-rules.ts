/** Which e-mail addresses are accepted: only the full academic form `prenom.nom@ac-<académie>.fr`. */
import { HttpError } from '../http/errors';

const ACADEMIC = /^[a-z]+(?:[-'][a-z]+)*\.[a-z]+(?:[-'][a-z]+)*\d*@ac-[a-z]+(?:-[a-z]+)*\.fr$/;
const ESTABLISHMENT = /^ce\.\d{7}[a-z]@/;
const ACADEMIC_DOMAIN = /@ac-[a-z]+(?:-[a-z]+)*\.fr$/;

/** Returns the normalised (lower-case, trimmed) address, or throws 400 `invalid-email` saying why. */
export function requireAcademicEmail(input: string): string {
  const email = input.trim().toLowerCase();
  if (ACADEMIC.test(email)) return email;
  const problem = (message: string) => new HttpError('invalid-email', { problems: [{ path: 'email', message }] });
  if (ESTABLISHMENT.test(email)) {
    throw problem("Ceci est l'adresse de l'établissement (ce.UAI@…) : utilisez votre adresse personnelle prenom.nom@ac-….fr.");
  }
  if (ACADEMIC_DOMAIN.test(email) && !email.split('@')[0]?.includes('.')) {
    throw problem('Ceci est un alias (par exemple jdupont@…) : utilisez la forme complète prenom.nom@ac-….fr.');
  }
  throw problem("Adresse non reconnue : seule l'adresse académique complète prenom.nom@ac-votre-academie.fr est acceptée.");
}
