/**
 * Form bodies (`application/x-www-form-urlencoded`, read with `URLSearchParams`, size-limited) and the French
 * refusals of the server's services turned into a form's errors, each on its field when the service names one.
 */
import type { FastifyInstance } from 'fastify';
import { AppError, DEFAULT_MESSAGES } from '../../src-shared/errors';
import { HttpError } from '../http/errors';
import type { FormErrors } from './layout';

/** Forms are small: a few short fields. */
export const FORM_BODY_LIMIT_BYTES = 16 * 1024;

/** The fields of a posted form: the first value of each name. */
export class FormBody {
  private readonly values = new Map<string, string>();
  constructor(text: string) {
    for (const [k, v] of new URLSearchParams(text)) if (!this.values.has(k)) this.values.set(k, v);
  }
  /** The field's value ('' when absent), cut to `max` characters. */
  get(name: string, max = 500): string {
    return (this.values.get(name) ?? '').slice(0, max);
  }
}

/** Registers the form parser on the portal's (encapsulated) routes: the API keeps taking JSON only. */
export function acceptForms(portal: FastifyInstance): void {
  portal.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT_BYTES }, (_req, body, done) => {
    done(null, new FormBody(typeof body === 'string' ? body : body.toString('utf8')));
  });
}

const capitalised = (m: string): string => (m ? m[0]!.toUpperCase() + m.slice(1) : m);
const sentence = (m: string): string => {
  const t = capitalised(m.trim());
  return /[.!?…]$/.test(t) ? t : `${t}.`;
};

export interface Refusal { status: number; errors: FormErrors; headers: Record<string, string>; code: AppError['code'] }

/**
 * A service's refusal as form errors: problems on the fields they name (`fieldOf` maps the API's paths to the
 * form's fields), the message otherwise; a 429 keeps its `Retry-After`. Anything else (a server fault) is rethrown.
 */
export function refusalOf(err: unknown, fieldOf: Record<string, string> = {}): Refusal {
  if (!(err instanceof AppError)) throw err;
  const status = err instanceof HttpError ? err.status : 400;
  if (status >= 500) throw err;
  const errors: FormErrors = { fields: {}, form: [] };
  const problems = err.problems ?? [];
  // A refusal worded for people (not the code's default) says it best when it is about one field.
  const own = err.message !== DEFAULT_MESSAGES[err.code] && problems.length === 1 ? err.message : null;
  for (const p of problems) {
    const field = fieldOf[p.path];
    const text = own ?? sentence(p.message);
    if (field && !errors.fields[field]) errors.fields[field] = text;
    else errors.form.push(text);
  }
  if (problems.length === 0) errors.form.push(err.message);
  const headers: Record<string, string> = {};
  const retry = err instanceof HttpError ? err.details?.retryAfterSeconds : undefined;
  if (retry) headers['retry-after'] = String(retry);
  return { status, errors, headers, code: err.code };
}
