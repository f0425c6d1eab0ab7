/** ENT-style logins: `prenom.nom` without accents, with a number when taken. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

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
