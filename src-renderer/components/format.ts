/** Small display helpers shared by the screens. */
export function frenchDate(iso: string | null): string {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Lower case without accents: the pupils search ignores both. */
export function folded(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export function formatScore(score: number): string {
  return score.toFixed(1).replace('.', ',');
}
