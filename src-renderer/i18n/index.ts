import { create } from 'zustand';
import { en } from './en';
import { fr, type MessageKey } from './fr';

export type Locale = 'fr' | 'en';
const catalogs: Record<Locale, Record<MessageKey, string>> = { fr, en };

export const useLocale = create<{ locale: Locale; setLocale(locale: Locale): void }>((set) => ({
  locale: 'fr',
  setLocale: (locale) => set({ locale }),
}));

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][key] ?? fr[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Hook: `const t = useT(); t('server.heading')`. */
export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const locale = useLocale((s) => s.locale);
  return (key, params) => translate(locale, key, params);
}

export type { MessageKey };
