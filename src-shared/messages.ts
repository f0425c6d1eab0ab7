/**
 * Errors as codes with parameters. An error that a person reads carries a message key and its parameters; its
 * French text here is the default — what the core and the server write in logs and what the CLI prints — and the
 * renderer's catalog words the same key in French or English (`error.<key>` in src-renderer/i18n). Templates:
 * `{name}` puts a parameter; `{n:association|associations}` picks the singular or the plural for `n` (French:
 * singular for 0 and 1; English: singular for 1 only).
 */
import { AppError, type ErrorCode, type Problem } from './errors';

export type MessageParams = Record<string, string | number>;
export type Locale = 'fr' | 'en';

/** Singular in French for 0 and 1, in English for 1 only. */
export function isSingular(locale: Locale, n: number): boolean {
  return locale === 'fr' ? Math.abs(n) < 2 : n === 1;
}

/** Formats a template with its parameters in a locale: `{name}`, and `{n:one|many}` by that locale's plural rule. */
export function formatMessage(template: string, params: MessageParams = {}, locale: Locale = 'fr'): string {
  return template
    .replace(/\{(\w+):([^|{}]*)\|([^|{}]*)\}/g, (_, name: string, one: string, many: string) => (isSingular(locale, Number(params[name] ?? 0)) ? one : many))
    .replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

/** An AppError with a message key: the French default text for logs and the CLI, the key for the screens. */
export function keyedError(code: ErrorCode, key: string, template: string, params: MessageParams = {}, problems?: Problem[]): AppError {
  return new AppError(code, formatMessage(template, params), problems, { key, params });
}
