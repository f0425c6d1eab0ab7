/** ENT-style logins: `prenom.nom` without accents (the shared `slug`), with a number when taken. */
import { slug } from '../../src-shared/domain/text';

export { slug };

export function loginBase(prenom: string, nom: string): string {
  return `${slug(prenom) || 'x'}.${slug(nom) || 'x'}`.slice(0, 60);
}

/** First free login among `base`, `base2`, `base3`… given the taken set (updated). */
export function uniqueLogin(base: string, taken: Set<string>): string {
  let login = base;
  for (let n = 2; taken.has(login); n++) login = `${base}${n}`;
  taken.add(login);
  return login;
}
