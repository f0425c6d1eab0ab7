/**
 * Errors as codes with parameters. An error that a person reads carries a message key and its parameters; its
 * French text here is the default — what the core and the server write in logs and what the CLI prints — and the
 * renderer's catalog words the same key in French or English (`error.<key>` in src-renderer/i18n). Templates:
 * `{name}` puts a parameter; `{n|association|associations}` picks the singular or the plural for `n` (French:
 * plural above 1; English: plural unless 1).
 */
import { AppError, type ErrorCode, type Problem } from './errors';

export type MessageParams = Record<string, string | number>;
export type Locale = 'fr' | 'en';

/** Formats a template with its parameters in a locale (plural rule of that locale). */
export function formatMessage(template: string, params: MessageParams = {}, locale: Locale = 'fr'): string {
  return template.replace(/\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g, (whole, name: string, one?: string, many?: string) => {
    const value = params[name];
    if (one === undefined || many === undefined) return value === undefined ? whole : String(value);
    const n = typeof value === 'number' ? value : Number(value);
    const plural = locale === 'fr' ? n > 1 : n !== 1;
    return plural ? many : one;
  });
}

/** An AppError with a message key: the French default text for logs and the CLI, the key for the screens. */
export function keyedError(code: ErrorCode, key: string, template: string, params: MessageParams = {}, problems?: Problem[]): AppError {
  return new AppError(code, formatMessage(template, params), problems, { key, params });
}
