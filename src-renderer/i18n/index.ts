import { create } from 'zustand';
import { en } from './en';
import { fr, type MessageKey } from './fr';

export type Locale = 'fr' | 'en';
const catalogs: Record<Locale, Record<MessageKey, string>> = { fr, en };

export const useLocale = create<{ locale: Locale; setLocale(locale: Locale): void }>((set) => ({
  locale: 'fr',
  setLocale: (locale) => set({ locale }),
}));

/** Singular in French for 0 and 1, in English for 1 only. */
function singular(locale: Locale, n: number): boolean {
  return locale === 'fr' ? Math.abs(n) < 2 : n === 1;
}

/**
 * `{name}` is replaced by the parameter; `{n:one|many}` by the singular or plural form chosen by the number `n`
 * ("{n} {n:association|associations}").
 */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][key] ?? fr[key];
  return template
    .replace(/\{(\w+):([^|{}]*)\|([^|{}]*)\}/g, (_, name: string, one: string, many: string) => (singular(locale, Number(params[name] ?? 0)) ? one : many))
    .replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Whether the catalog has this key (names built from data, like an app id, may not be). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(fr, key);
}

/** Hook: `const t = useT(); t('server.heading')`. */
export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const locale = useLocale((s) => s.locale);
  return (key, params) => translate(locale, key, params);
}

export type { MessageKey };
