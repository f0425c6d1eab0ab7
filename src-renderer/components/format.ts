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

/** "3 septembre 2026 à 10:12" (French time, whatever the computer's zone: the ENT's dates are the school's). */
export function formatDateTime(iso: string, locale: 'fr' | 'en'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
}
