/** Wording helpers of the role screens: lists in plain language, what moved, app names. */
import { PERSONAL_APPS, SPACE_APPS } from '../../../src-shared/api/common';
import { isMessageKey, type MessageKey } from '../../i18n';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** "a, b et c" / "a, b and c". */
export function listOf(items: string[], locale: 'fr' | 'en'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${locale === 'fr' ? 'et' : 'and'} ${items[items.length - 1] ?? ''}`;
}

/** The app's name ("Messagerie"), or its id when the catalog does not know it. */
export function appName(t: T, app: string): string {
  const key = `app.${app}`;
  return isMessageKey(key) ? t(key) : app;
}

export function appNames(t: T, apps: readonly string[], locale: 'fr' | 'en'): string {
  return listOf(apps.map((a) => appName(t, a)), locale);
}

/** The order apps are named in: as the screens list them (personal apps, then the class spaces'). */
const ORDER: readonly string[] = [...PERSONAL_APPS, ...SPACE_APPS.filter((a) => a !== 'media')];
const rank = (app: string): number => (ORDER.includes(app) ? ORDER.indexOf(app) : ORDER.length);

/** "34 messages, 5 éléments de médiathèque et votre profil" from counts per app (apps with nothing left out). */
export function movedText(t: T, counts: Record<string, number>, locale: 'fr' | 'en'): { text: string; n: number } {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([app, n]) => {
      const key = `roles.moved.${app}`;
      return isMessageKey(key) ? t(key, { n }) : `${n} ${app}`;
    });
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { text: parts.length ? listOf(parts, locale) : t('roles.moved.nothing'), n: total };
}
