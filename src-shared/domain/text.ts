/** Small text helpers shared by the matching engine, the generator, the server's logins and the screens. */

/** "Hélène Bensaïd" → "Helene Bensaid": the combining accents removed, everything else kept. */
export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** Lower case without accents ("École" → "ecole"): for comparisons that ignore both. */
export function foldCase(text: string): string {
  return stripAccents(text).toLowerCase();
}

/** ENT-style piece of a login or an e-mail: "Marie-Hélène" → "marie-helene", "d'Almeida" → "d-almeida". */
export function slug(text: string): string {
  return foldCase(text)
    .replace(/[^a-z]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
