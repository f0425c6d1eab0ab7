/** Small display helpers shared by the screens. */
export function frenchDate(iso: string | null): string {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Lower case without accents: the pupils search ignores both. */
export { foldCase as folded } from '../../src-shared/domain/text';

export function formatScore(score: number): string {
  return score.toFixed(1).replace('.', ',');
}
