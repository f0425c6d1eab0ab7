/**
 * What may reach a log line, for every host (the desktop hosts' pino logs in src-main/log, the reference server's
 * in src-server/log.ts): one redaction list and one sanitiser for free text. A log line carries ids, codes, message
 * keys and counts — never a password, a token, a grant, a login, a person's name, an e-mail or a birth date.
 *
 * Three layers, because each misses something the next catches:
 *  1. `scrubForLog` walks every logged object (any depth): a property named in `SENSITIVE_KEYS` is censored, every
 *     string goes through `sanitizeText`, an error becomes `errorForLog` (code, key and parameters of an AppError,
 *     never its formatted French text, which may hold a name).
 *  2. `REDACT_PATHS`: pino's own `redact` option on the fixed places where secrets travel (HTTP headers, bodies).
 *  3. `scrubLogLine` on the final JSON line: bearer tokens and JWT-like strings, whatever field they hid in.
 * Pure functions (no Node, no DOM): part of the contract, as Signal Desktop's privacy helpers redact a debug log
 * before anything leaves the machine.
 */
import { AppError } from './errors';

export const CENSOR = '[masqué]';

/** Property names whose value never reaches a log line, whatever the depth (compared lower case, without - and _). */
export const SENSITIVE_KEYS: ReadonlySet<string> = new Set(
  [
    'password', 'newPassword', 'oldPassword', 'currentPassword', 'passwd', 'motDePasse', 'secret', 'clientSecret',
    'token', 'accessToken', 'refreshToken', 'idToken', 'bearer', 'authorization', 'cookie', 'set-cookie', 'setCookie',
    'grant', 'legacyGrant', 'x-legacy-grant', 'legacy', 'credentials', 'letters', 'otp', 'oneTimeCode',
    'idempotencyKey', 'idempotency-key', 'login', 'oldLogin', 'legacyLogin', 'email', 'courriel', 'mail',
    'nom', 'prenom', 'firstName', 'lastName', 'fullName', 'dateNaissance', 'birthDate', 'birth', 'csv', 'content', 'body',
  ].map(normaliseKey),
);

/** Parameters of a message key that name a person (`{name}`, `{who}`…): censored in logs, kept for the screens. */
export const PERSON_PARAM_KEYS: ReadonlySet<string> = new Set(['name', 'who', 'nom', 'prenom', 'acceptedByName', 'login', 'email', 'classe'].map(normaliseKey));

/**
 * pino `redact.paths` of the places secrets travel in requests and answers (the request serializers keep no header
 * today; these stay as a guard). Deeper or unexpected places are `scrubForLog`'s job.
 */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-legacy-grant"]',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'body',
  'req.body',
  '*.password',
  '*.newPassword',
  '*.refreshToken',
  '*.accessToken',
  '*.grant',
  '*.login',
];

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(normaliseKey(key));
}

export interface SanitizeOptions {
  /** Folders to write as `~` (the user's home: it holds their OS account name). */
  paths?: readonly string[];
}

const RULES: ReadonlyArray<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${CENSOR}`],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?/g, '[jeton]'],
  [/[^\s@"'«»<>()[\]{},;:]+@[^\s@"'«»<>()[\]{},;:]+\.[a-z]{2,}/gi, '[courriel]'],
  [/(https?:\/\/[^\s?#"'«»]+)\?[^\s"'«»]*/gi, `$1?${CENSOR}`],
  // Quoted text in a free message (a library's error quoting its input: `"{"login":"x","password":…` is not JSON).
  [/«[^»]*»/g, '«[texte]»'],
  [/"[^"\n]*"/g, '"[texte]"'],
  [/'[^'\n]*'/g, "'[texte]'"],
  [/`[^`\n]*`/g, '`[texte]`'],
  // Dates that may be birth dates (an ISO date-time keeps its date: it is when something happened).
  [/\b\d{4}-\d{2}-\d{2}\b(?!T)/g, '[date]'],
  [/\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/g, '[date]'],
  // Long hex or base64 runs: keys, tokens, hashes of secrets.
  [/\b[0-9a-f]{32,}\b/gi, '[secret]'],
  [/\b(?=[A-Za-z0-9+/_-]*\d)(?=[A-Za-z0-9+/_-]*[a-z])(?=[A-Za-z0-9+/_-]*[A-Z])[A-Za-z0-9+/_-]{32,}={0,2}/g, '[secret]'],
  [/\b\d{9,}\b/g, '[nombre]'],
];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Free text made safe for a log line: tokens, e-mails, quoted input, dates, long secrets and home folders masked. */
export function sanitizeText(text: string, options: SanitizeOptions = {}): string {
  let out = text.length > 4000 ? `${text.slice(0, 4000)}…` : text;
  for (const path of options.paths ?? []) {
    if (path.length > 1) out = out.replace(new RegExp(escapeRegExp(path), 'g'), '~');
  }
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

/** The last pass on a whole JSON log line: bearer tokens and JWT-like strings, wherever they are. */
export function scrubLogLine(line: string): string {
  return line
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${CENSOR}`)
    .replace(/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?/g, '[jeton]')
    // A request's query string (a portal link's code, a search): the path is enough.
    .replace(/("url":"[^"?]*)\?[^"]*"/g, `$1?${CENSOR}"`);
}

/**
 * A log call's arguments with its message sanitised (`log.info('text')` or `log.info({…}, 'text')`): what every
 * host's pino `logMethod` hook passes on. The logged object itself is the formatter's (`scrubForLog`).
 */
export function sanitizedLogArgs(args: readonly unknown[], options: SanitizeOptions = {}): unknown[] {
  const [first, ...rest] = args;
  if (typeof first === 'string') return [sanitizeText(first, options), ...rest];
  const message = rest[0];
  if (typeof message === 'string') return [first, sanitizeText(message, options), ...rest.slice(1)];
  return [...args];
}

type LogParams = Record<string, string | number>;

function scrubParams(params: LogParams | undefined, options: SanitizeOptions): Record<string, string | number> | undefined {
  if (!params) return undefined;
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    out[key] = PERSON_PARAM_KEYS.has(normaliseKey(key)) || isSensitiveKey(key) ? CENSOR : typeof value === 'string' ? sanitizeText(value, options) : value;
  }
  return out;
}

/**
 * An error as a log line holds it. An AppError (our user-facing errors): its code, message key, parameters (a
 * person's name censored), HTTP status and how many problems — never its formatted French text. Anything else (a
 * library's or a bug's): its type, code, sanitised message and the first frames of its stack.
 */
export function errorForLog(err: unknown, options: SanitizeOptions = {}): Record<string, unknown> {
  if (err instanceof AppError) {
    const status = (err as AppError & { status?: unknown }).status;
    const params = scrubParams(err.params, options);
    return {
      type: err.name,
      code: err.code,
      ...(err.key ? { key: err.key } : {}),
      ...(params ? { params } : {}),
      ...(typeof status === 'number' ? { status } : {}),
      ...(err.problems?.length ? { problems: err.problems.length } : {}),
    };
  }
  if (err instanceof Error) {
    const code = (err as Error & { code?: unknown }).code;
    const stack = typeof err.stack === 'string' ? err.stack.split('\n').slice(1, 9).map((l) => sanitizeText(l.trim(), options)) : undefined;
    return {
      type: err.name,
      ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
      message: sanitizeText(err.message, options),
      ...(stack?.length ? { stack } : {}),
    };
  }
  return { type: typeof err, message: sanitizeText(String(err), options) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A logged object made safe, at any depth: sensitive properties censored, strings sanitised, errors reduced.
 * Other class instances (a Fastify request, a response) are left to their serializers; `skip` names such keys.
 */
export function scrubForLog(value: unknown, options: SanitizeOptions & { skip?: ReadonlySet<string> } = {}, depth = 0): unknown {
  if (typeof value === 'string') return sanitizeText(value, options);
  if (value instanceof Error) return errorForLog(value, options);
  if (depth > 8) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => scrubForLog(v, options, depth + 1));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (depth === 0 && options.skip?.has(key)) out[key] = v;
    else if (isSensitiveKey(key)) out[key] = CENSOR;
    else if (key === 'err' || key === 'error') out[key] = v instanceof Error ? errorForLog(v, options) : scrubForLog(v, options, depth + 1);
    // A message key's parameters kept as data (an error recorded for support): the ones naming a person censored too.
    else if (key === 'params' && isPlainObject(v)) out[key] = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, PERSON_PARAM_KEYS.has(normaliseKey(k)) ? CENSOR : scrubForLog(x, options, depth + 2)]));
    else out[key] = scrubForLog(v, options, depth + 1);
  }
  return out;
}
