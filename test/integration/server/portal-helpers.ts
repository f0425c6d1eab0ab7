/**
 * A small browser for the portal's tests, over real sockets: a cookie jar, GET and POST of
 * `application/x-www-form-urlencoded` forms, the CSRF token read from the page's form, redirections followed.
 */
import { expect } from 'vitest';
import { mergeReceiptSchema, pupilCredentialsResponseSchema, type PupilCredentialsResponse } from '../../../src-shared/api';
import { Client, type Res, type TestServer } from './harness';
import { prepareMerge, waitDone } from './merge-helpers';

export interface Page extends Res { url: string }

/** Every `Set-Cookie` of an answer (the harness joins them with ', '; our cookies carry no date). */
export function setCookies(res: Res): string[] {
  const v = res.headers.get('set-cookie');
  return v ? v.split(/,\s*(?=[A-Za-z_][\w-]*=)/) : [];
}

const decode = (text: string): string => text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#96;/g, '`');

/** The page's text without tags (entities decoded), spaces collapsed: what a person reads. */
export function visibleText(html: string): string {
  const inline = /<\/?(?:strong|em|b|i|a|span|abbr)\b[^>]*>/g;
  return decode(html.replace(/<head>[\s\S]*?<\/head>/, '').replace(inline, '').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
}

export class PortalBrowser {
  readonly cookies = new Map<string, string>();
  private readonly client: Client;
  constructor(readonly base: string, localAddress?: string) {
    this.client = new Client(base, undefined, localAddress);
  }

  private keep(res: Res): void {
    for (const c of setCookies(res)) {
      const [pair] = c.split(';');
      const eq = (pair ?? '').indexOf('=');
      const name = (pair ?? '').slice(0, eq).trim();
      const value = (pair ?? '').slice(eq + 1).trim();
      if (/max-age=0/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  /** GET, following redirections (303/302) unless `follow` is false. */
  async get(path: string, opts: { follow?: boolean; headers?: Record<string, string> } = {}): Promise<Page> {
    let url = path;
    for (let hops = 0; ; hops++) {
      const res = await this.client.call('GET', url, { headers: { ...this.cookieHeader(), ...(opts.headers ?? {}) }, token: null });
      this.keep(res);
      const location = res.headers.get('location');
      if (opts.follow === false || !location || res.status < 300 || res.status >= 400 || hops > 5) return { ...res, url };
      url = location;
    }
  }

  /** POSTs a form; `csrf` is the token to send (default: the one of the last page's form, read from `from`). */
  async post(path: string, fields: Record<string, string>, opts: { csrf?: string | null; headers?: Record<string, string>; follow?: boolean } = {}): Promise<Page> {
    const body = new URLSearchParams({ ...fields, ...(opts.csrf ? { _csrf: opts.csrf } : {}) }).toString();
    const res = await this.client.call('POST', path, { raw: body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...this.cookieHeader(), ...(opts.headers ?? {}) }, token: null });
    this.keep(res);
    const location = res.headers.get('location');
    if (opts.follow === false || !location || res.status !== 303) return { ...res, url: path };
    return this.get(location);
  }

  /** Opens the form's page, then posts the form with that page's CSRF token. */
  async submit(pagePath: string, action: string, fields: Record<string, string>, opts: { headers?: Record<string, string>; follow?: boolean } = {}): Promise<Page> {
    const page = await this.get(pagePath);
    return this.post(action, fields, { csrf: csrfOf(page.text, action), ...opts });
  }
}

/** The CSRF token of the page's form posting to `action` (the first form when none is named). */
export function csrfOf(html: string, action?: string): string {
  const forms = [...html.matchAll(/<form method="post" action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)];
  const form = forms.find((f) => !action || f[1] === action) ?? forms[0];
  const token = form ? /name="_csrf" value="([^"]+)"/.exec(form[2] ?? '')?.[1] : undefined;
  if (!token) throw new Error(`no CSRF token in a form to ${action ?? 'anywhere'}`);
  return token;
}

/** Radio values offered for a field name. */
export function radioValues(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`<input type="radio" id="[^"]+" name="${name}" value="([^"]*)"`, 'g'))].map((m) => decode(m[1] ?? ''));
}

/** The school's merge run through the API (the demo's ground truth), and the letters' credentials of its new pupils. */
export async function mergeAndLetters(t: TestServer, uai: string): Promise<PupilCredentialsResponse> {
  const { director, grant, batch } = await prepareMerge(t, uai);
  const res = await director.post(`/v1/schools/${uai}/merges`, batch, { headers: { 'idempotency-key': crypto.randomUUID(), 'x-legacy-grant': grant } });
  expect(res.status, res.text).toBe(202);
  const id = mergeReceiptSchema.parse(res.json).id;
  await waitDone(director, id, 60_000);
  const letters = await director.get(`/v1/merges/${id}/credentials`);
  expect(letters.status).toBe(200);
  return pupilCredentialsResponseSchema.parse(letters.json);
}

/** The one-time code of the last mail sent to the address. */
export async function lastCode(t: TestServer, email: string): Promise<string> {
  const mails = await t.mails(email);
  const code = /[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(mails.at(-1)?.text ?? '')?.[0];
  if (!code) throw new Error(`no code mailed to ${email}`);
  return code;
}
