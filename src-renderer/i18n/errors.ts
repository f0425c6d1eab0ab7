/** An error's wording in the screen's language, from its message key and parameters (or its code). */
import { formatMessage, type Locale } from '../../src-shared/messages';
import type { ErrorCode } from '../../src-shared/errors';
import { formatDateTime } from '../components/format';
import { errorsEn } from './errors-en';
import { errorsFr, type ErrorKey } from './errors-fr';

const catalogs: Record<Locale, Record<ErrorKey, string>> = { fr: errorsFr, en: errorsEn };

export const isErrorKey = (key: string): key is ErrorKey => Object.prototype.hasOwnProperty.call(errorsFr, key);

/** Dates (`…At`) in the locale's format, `who` from the name and the role. */
function localParams(locale: Locale, params: Record<string, string | number>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) out[name] = name.endsWith('At') && typeof value === 'string' && value ? formatDateTime(value, locale) : value;
  if ('role' in params) {
    const roleKey = `role.${String(params.role)}`;
    const role = isErrorKey(roleKey) ? catalogs[locale][roleKey] : String(params.role);
    out.who = params.name ? `${String(params.name)} (${role})` : role;
  }
  return out;
}

/**
 * The key's wording when the catalog has it; else, in French, the core's or the ENT's own French message (it may
 * say more than the code's default); in English, the code's default wording (never a French sentence).
 */
export function wordError(locale: Locale, error: { code: ErrorCode; message: string; key?: string | undefined; params?: Record<string, string | number> | undefined }): string {
  if (error.key && isErrorKey(error.key)) return formatMessage(catalogs[locale][error.key], localParams(locale, error.params ?? {}), locale);
  if (locale === 'fr' && error.message) return error.message;
  return catalogs[locale][`default.${error.code}`];
}
