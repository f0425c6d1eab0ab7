/**
 * The portal's one layout and its pieces: every page is French (`lang="fr"`), has one `h1`, a skip link, the
 * stylesheet served by the server, and — signed in — the account's name and a sign-out form. Form fields carry their
 * label, hint and error (linked by `aria-describedby`, `aria-invalid`), and a page with errors starts with a
 * summary linking to each field.
 */
import { PORTAL_PATHS } from '../../src-shared/portal';
import { html, type Html, type HtmlValue } from './html';

export const SITE_NAME = 'ENT des écoles';

export interface LayoutUser { name: string }

export interface PageOptions {
  title: string;
  body: Html;
  /** Signed in: the name shown and the sign-out form (with the session's CSRF token). */
  user?: LayoutUser | null;
  csrf: string;
}

export function layout(o: PageOptions): Html {
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${o.title} — ${SITE_NAME}</title>
<link rel="stylesheet" href="${PORTAL_PATHS.stylesheet}">
<link rel="icon" href="data:,">
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header class="site-header">
<div class="bar">
<a class="brand" href="${o.user ? PORTAL_PATHS.space : PORTAL_PATHS.home}">${SITE_NAME}</a>
${o.user
  ? html`<div class="who"><span>Connecté·e : <strong>${o.user.name}</strong></span>
<form method="post" action="${PORTAL_PATHS.signOut}">${csrfField(o.csrf)}<button type="submit" class="link-button">Se déconnecter</button></form></div>`
  : null}
</div>
</header>
<main id="contenu" tabindex="-1">
${o.body}
</main>
<footer class="site-footer">
<p>Espace numérique de travail des écoles publiques. Un problème de connexion ? Adressez-vous à l’école de votre enfant ou, pour les personnels, au référent ENT.</p>
</footer>
</body>
</html>
`;
}

export function csrfField(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** Field errors by field name (`login`, `password`…), and errors of the whole form. */
export interface FormErrors { fields: Record<string, string>; form: string[] }

export const noErrors = (): FormErrors => ({ fields: {}, form: [] });

export const hasErrors = (e: FormErrors): boolean => e.form.length > 0 || Object.keys(e.fields).length > 0;

export const fieldId = (name: string): string => `champ-${name}`;

/** The summary at the top of a form with errors: each field error links to its field. */
export function errorSummary(errors: FormErrors): Html | null {
  if (!hasErrors(errors)) return null;
  const items = [...errors.form.map((m) => html`<li>${m}</li>`), ...Object.entries(errors.fields).map(([name, m]) => html`<li><a href="#${fieldId(name)}">${m}</a></li>`)];
  return html`<div class="error-summary" role="alert" aria-labelledby="erreurs-titre" tabindex="-1" data-testid="errors">
<h2 id="erreurs-titre">${errors.form.length + Object.keys(errors.fields).length > 1 ? 'Il y a des points à corriger' : 'Il y a un point à corriger'}</h2>
<ul>${items}</ul>
</div>`;
}

export interface InputOptions {
  name: string;
  label: string;
  type?: 'text' | 'password' | 'email';
  value?: string;
  hint?: string;
  autocomplete?: string;
  errors: FormErrors;
  required?: boolean;
  /** Identifiers, codes: no capitals nor spelling fixes from the phone's keyboard. */
  verbatim?: boolean;
}

export function input(o: InputOptions): Html {
  const id = fieldId(o.name);
  const error = o.errors.fields[o.name];
  const describedBy = [o.hint ? `${id}-aide` : '', error ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
<label for="${id}">${o.label}</label>
${o.hint ? html`<span class="hint" id="${id}-aide">${o.hint}</span>` : null}
${error ? html`<p class="field-error" id="${id}-erreur">${error}</p>` : null}
<input id="${id}" name="${o.name}" type="${o.type ?? 'text'}"${o.value !== undefined && o.type !== 'password' ? html` value="${o.value}"` : null}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : null}${describedBy ? html` aria-describedby="${describedBy}"` : null}${error ? html` aria-invalid="true"` : null}${o.required ? html` required` : null}${o.verbatim ? html` autocapitalize="none" spellcheck="false"` : null}>
</div>`;
}

export interface ChoiceOption { value: string; label: HtmlValue; hint?: HtmlValue; testId?: string }

/** Radio buttons in a fieldset whose legend is the question; the error (if any) is linked to the group. */
export function choices(o: { name: string; legend: string; options: ChoiceOption[]; checked?: string | null; errors: FormErrors; hint?: string }): Html {
  const id = fieldId(o.name);
  const error = o.errors.fields[o.name];
  const describedBy = [o.hint ? `${id}-aide` : '', error ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  return html`<fieldset id="${id}"${describedBy ? html` aria-describedby="${describedBy}"` : null} tabindex="-1">
<legend>${o.legend}</legend>
${o.hint ? html`<span class="hint" id="${id}-aide">${o.hint}</span>` : null}
${error ? html`<p class="field-error" id="${id}-erreur">${error}</p>` : null}
${o.options.map((opt, i) => {
  const optId = `${id}-${i + 1}`;
  return html`<div class="choice"${opt.testId ? html` data-testid="${opt.testId}"` : null}>
<input type="radio" id="${optId}" name="${o.name}" value="${opt.value}"${opt.hint ? html` aria-describedby="${optId}-aide"` : null}${o.checked === opt.value ? html` checked` : null}>
<div><label for="${optId}">${opt.label}</label>${opt.hint ? html`<span class="hint" id="${optId}-aide">${opt.hint}</span>` : null}</div>
</div>`;
})}
</fieldset>`;
}

/** "Étape 2 sur 3" and the steps' names, the current one marked for assistive technologies. */
export function steps(names: string[], current: number): Html {
  return html`<p class="muted">Étape ${current} sur ${names.length}</p>
<ol class="steps">${names.map((n, i) => html`<li${i + 1 === current ? html` aria-current="step"` : null}${i + 1 < current ? html` class="done"` : null}>${i + 1 < current ? '✓ ' : ''}${n}</li>`)}</ol>`;
}

export function notice(text: HtmlValue, kind: 'ok' | 'info' = 'ok', testId = 'notice'): Html {
  return html`<div class="notice${kind === 'info' ? ' info' : ''}" role="status" data-testid="${testId}">${text}</div>`;
}
