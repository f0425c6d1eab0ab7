/** Item counts per app, in plain French ("12 messages", "1 article de blog"), in a fixed order. */
import type { AppCounts } from '../../src-shared/api/common';
import { isSingular } from '../../src-shared/messages';
import { html, type Html } from './html';

const WORDS: Array<[app: string, one: string, many: string]> = [
  ['messages', 'message', 'messages'],
  ['media', 'photo ou vidéo', 'photos et vidéos'],
  ['profile', 'fiche de profil', 'fiches de profil'],
  ['blog', 'article de blog', 'articles de blog'],
  ['homework', 'devoir du cahier de textes', 'devoirs du cahier de textes'],
  ['liaison', 'mot du cahier de liaison', 'mots du cahier de liaison'],
  ['calendar', 'événement de l’agenda', 'événements de l’agenda'],
];

export function countWords(counts: AppCounts): string[] {
  const known = new Set(WORDS.map(([app]) => app));
  const lines = WORDS.filter(([app]) => (counts[app] ?? 0) > 0).map(([app, one, many]) => {
    const n = counts[app] ?? 0;
    return `${n} ${isSingular('fr', n) ? one : many}`;
  });
  for (const [app, n] of Object.entries(counts)) if (!known.has(app) && n > 0) lines.push(`${n} × ${app}`);
  return lines;
}

export const total = (counts: AppCounts): number => Object.values(counts).reduce((a, b) => a + b, 0);

/** A list of counts, or null when there is nothing. */
export function countList(counts: AppCounts, testId: string): Html | null {
  const lines = countWords(counts);
  return lines.length ? html`<ul class="counts" data-testid="${testId}">${lines.map((l) => html`<li>${l}</li>`)}</ul>` : null;
}
