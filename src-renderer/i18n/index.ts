import { create } from 'zustand';
import { formatMessage, type Locale } from '../../src-shared/messages';
import { en } from './en';
import { fr, type MessageKey } from './fr';

export type { Locale };
const catalogs: Record<Locale, Record<MessageKey, string>> = { fr, en };

export const useLocale = create<{ locale: Locale; setLocale(locale: Locale): void }>((set) => ({
  locale: 'fr',
  setLocale: (locale) => set({ locale }),
}));

/** `{name}` is replaced by the parameter; `{n:one|many}` by the singular or plural form chosen by the number `n` (src-shared/messages.ts). */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return formatMessage(catalogs[locale][key] ?? fr[key], params, locale);
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
