/**
 * A teacher's first-login steps at the portal: their class (the class name and its first pupils, as
 * `GET /v1/teachers/me/class-choices` gives), their own old teacher account (the one with the same academic e-mail,
 * or one proven by its old password — `services/personal-data.ts` decides), then a confirmation page where nothing
 * is written until the final button; every step before it has a way back. Choices travel in the address (GET
 * forms); the final POST checks them all again through the services.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context';
import type { ClassChoicesResponse } from '../../../src-shared/api/roster';
import type { TeacherLinkRequest, TeacherOldAccountResponse } from '../../../src-shared/api/parents';
import type { MeResponse } from '../../../src-shared/api/auth';
import { PORTAL_PATHS } from '../../../src-shared/portal';
import { chooseClass, classChoices } from '../../services/people';
import { linkTeacherOldAccount, teacherOldAccount } from '../../services/personal-data';
import type { Principal } from '../../services/auth';
import { countList } from '../apps';
import { refusalOf } from '../forms';
import { html, type Html } from '../html';
import { choices, csrfField, errorSummary, input, noErrors, notice, steps, type FormErrors } from '../layout';
import { getPage, postForm, type Outcome, type PageCall } from '../page';
import { personalCounts } from '../views';

export const TEACHER_PATHS = { start: '/enseignant', cls: '/enseignant/classe', old: '/enseignant/ancien-compte', confirm: '/enseignant/confirmation' } as const;

const STEPS = ['Votre classe', 'Votre compte de l’an dernier', 'Confirmation'];
const BY_EMAIL = 'courriel';
const BY_PASSWORD = 'identifiants';
const NONE = 'aucun';

interface TeacherState { principal: Principal; me: MeResponse; choices: ClassChoicesResponse; old: TeacherOldAccountResponse }

async function teacherState(c: PageCall): Promise<TeacherState | null> {
  const { principal, me } = await c.signedIn();
  if (principal.year !== 'new' || !principal.roles.some((r) => r.role === 'teacher')) return null;
  const [cls, old] = await Promise.all([classChoices(c.ctx, principal), teacherOldAccount(c.ctx, principal)]);
  return { principal, me, choices: cls, old };
}

function forbidden(): Outcome {
  return { status: 403, title: 'Réservé aux enseignants', body: html`<h1>Cette page est réservée aux enseignants</h1><p>Votre compte n’est pas un compte d’enseignant de cette année.</p><p><a class="button" href="${PORTAL_PATHS.space}">Aller à mon espace</a></p>` };
}

/** The classes this teacher teaches this year (their chosen class first). */
function myClasses(s: TeacherState): string[] {
  const mine = new Set(s.principal.roles.filter((r) => r.role === 'teacher' && r.classId).map((r) => r.classId as string));
  return s.me.classes.filter((k) => mine.has(k.id)).map((k) => k.label);
}

const q = (params: Record<string, string>): string => {
  const s = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
  return s ? `?${s}` : '';
};

/** The teacher's part of « Mon espace ». */
export async function teacherCard(c: PageCall): Promise<Html | null> {
  const s = await teacherState(c);
  if (!s) return null;
  const linked = s.old.decision === 'linked';
  let content: Html;
  if (s.me.mustChooseClass) {
    content = html`<p>Première connexion : choisissez votre classe et reliez votre compte de l’an dernier, en trois étapes.</p><p><a class="button" href="${TEACHER_PATHS.cls}" data-testid="teacher-start">Commencer</a></p>`;
  } else if (!linked) {
    content = html`<p>Votre classe : <strong>${myClasses(s).join(', ')}</strong>.</p><p>Reliez votre compte de l’an dernier pour retrouver vos messages, vos photos et vidéos et votre profil.</p><p><a class="button" href="${TEACHER_PATHS.old}" data-testid="teacher-start">Relier mon compte de l’an dernier</a></p>`;
  } else {
    const counts = countList(await personalCounts(c.ctx, s.principal.accountId), 'teacher-counts');
    content = html`${notice(html`Votre classe : <strong>${myClasses(s).join(', ')}</strong>. Votre compte de l’an dernier est relié.`, 'ok', 'teacher-done')}${counts ? html`<p>Votre espace personnel contient :</p>${counts}` : null}`;
  }
  return html`<section class="card" aria-labelledby="carte-enseignant"><h2 id="carte-enseignant">Votre rentrée d’enseignant·e</h2>${content}</section>`;
}

function classStep(s: TeacherState, checked: string, errors: FormErrors, status = 200): Outcome {
  return {
    title: 'Votre classe',
    status,
    body: html`${steps(STEPS, 1)}<h1>Votre classe cette année</h1>
${errorSummary(errors)}
<form method="get" action="${TEACHER_PATHS.old}" novalidate>
${choices({
  name: 'classe',
  legend: 'Quelle classe avez-vous cette année ?',
  hint: 'Pour vous aider, les premiers élèves de chaque classe sont indiqués.',
  checked,
  errors,
  options: s.choices.classes.map((k) => ({
    value: k.id,
    label: k.label,
    hint: `${k.levels.join(', ')} · ${k.pupilCount} élève${k.pupilCount > 1 ? 's' : ''}${k.firstPupils.length ? ` : ${k.firstPupils.map((p) => `${p.prenom} ${p.nom.toUpperCase()}`).join(', ')}${k.pupilCount > k.firstPupils.length ? '…' : ''}` : ''}`,
    testId: 'class-choice',
  })),
})}
<div class="actions"><button type="submit">Continuer</button><a href="${PORTAL_PATHS.space}">Plus tard</a></div>
</form>`,
  };
}

function oldStep(s: TeacherState, classe: string, checked: string, errors: FormErrors, status = 200): Outcome {
  const by = s.old.byEmail;
  const back = s.me.mustChooseClass ? html`<a class="button secondary" href="${TEACHER_PATHS.cls}${q({ classe })}">Retour</a>` : html`<a class="button secondary" href="${PORTAL_PATHS.space}">Retour</a>`;
  return {
    title: 'Votre compte de l’an dernier',
    status,
    body: html`${steps(STEPS, 2)}<h1>Votre compte de l’an dernier</h1>
${errorSummary(errors)}
<p>Reliez votre compte de l’an dernier pour retrouver vos messages, vos photos et vidéos et votre profil. Seul votre propre compte peut être relié : celui qui a la même adresse académique que votre compte de cette année, ou celui dont vous connaissez le mot de passe.</p>
<form method="get" action="${TEACHER_PATHS.confirm}" novalidate>
<input type="hidden" name="classe" value="${classe}">
${choices({
  name: 'ancien',
  legend: 'Quel était votre compte ?',
  checked,
  errors,
  options: [
    ...(by ? [{ value: BY_EMAIL, label: html`Mon compte de l’an dernier : ${by.prenom} ${by.nom.toUpperCase()} (identifiant ${by.login})`, hint: 'Il a la même adresse académique que votre compte de cette année.', testId: 'old-by-email' }] : []),
    { value: BY_PASSWORD, label: by ? 'Un autre compte : je donne ses identifiants de l’an dernier' : 'Je donne mes identifiants de l’an dernier', hint: 'Vous les saisirez à l’étape suivante.' },
    { value: NONE, label: 'Je n’avais pas de compte dans cet ENT l’an dernier', hint: 'Vous pourrez relier votre ancien compte plus tard.' },
  ],
})}
<div class="actions"><button type="submit">Continuer</button>${back}</div>
</form>`,
  };
}

/** Checks the class in the address (when still to choose): the class's label, or null. */
function classOf(s: TeacherState, classe: string): string | null {
  return s.choices.classes.find((k) => k.id === classe)?.label ?? null;
}

function confirmStep(c: PageCall, s: TeacherState, classe: string, ancien: string, errors: FormErrors, status = 200, headers: Record<string, string> = {}): Outcome {
  const linked = s.old.decision === 'linked';
  const label = s.me.mustChooseClass ? classOf(s, classe) : myClasses(s).join(', ');
  const by = s.old.byEmail;
  const linking = !linked && ancien !== NONE;
  const oldText = linked
    ? 'déjà relié'
    : ancien === BY_EMAIL && by
      ? `${by.prenom} ${by.nom.toUpperCase()} (identifiant ${by.login}), même adresse académique`
      : ancien === BY_PASSWORD
        ? 'celui dont vous donnez les identifiants ci-dessous'
        : 'aucun';
  return {
    title: 'Confirmation',
    status,
    headers,
    body: html`${steps(STEPS, 3)}<h1>Vérifiez et confirmez</h1>
${errorSummary(errors)}
<form method="post" action="${TEACHER_PATHS.confirm}" novalidate>
${csrfField(c.session.csrf)}
<input type="hidden" name="classe" value="${classe}"><input type="hidden" name="ancien" value="${ancien}">
<dl class="summary" data-testid="teacher-summary"><dt>Votre classe</dt><dd>${label}${s.me.mustChooseClass ? '' : ' (déjà choisie)'}</dd><dt>Votre compte de l’an dernier</dt><dd>${oldText}</dd></dl>
${!linked && ancien === BY_PASSWORD
  ? html`${input({ name: 'login', label: 'Identifiant de l’an dernier', autocomplete: 'off', errors, verbatim: true, value: '' })}${input({ name: 'password', label: 'Mot de passe de l’an dernier', type: 'password', autocomplete: 'off', errors })}
<p><a href="${PORTAL_PATHS.forgot}">Mot de passe de l’an dernier oublié ?</a></p>`
  : null}
${linking
  ? html`<div class="warning" data-testid="final-warning"><p><strong>Le lien avec votre ancien compte est définitif.</strong> Vos messages, vos photos et vidéos et votre profil de l’an dernier seront déplacés dans ce compte, et l’ancien compte sera archivé.</p></div>`
  : null}
<div class="actions"><button type="submit">Confirmer</button><a class="button secondary" href="${TEACHER_PATHS.old}${q({ classe, ancien })}">Retour</a></div>
</form>`,
  };
}

type Checked = { ok: true; classe: string; ancien: string } | { ok: false; outcome: Outcome };

/** The choices in the address or the form, checked against what the services offer this teacher now. */
function checkChoices(s: TeacherState, classe: string, ancien: string, need: 'class' | 'both'): Checked {
  if (s.me.mustChooseClass && !classOf(s, classe)) return { ok: false, outcome: classStep(s, '', { fields: { classe: 'Choisissez votre classe dans la liste.' }, form: [] }, 422) };
  if (need === 'class' || s.old.decision === 'linked') return { ok: true, classe, ancien: s.old.decision === 'linked' ? NONE : ancien };
  const allowed = [BY_PASSWORD, NONE, ...(s.old.byEmail ? [BY_EMAIL] : [])];
  if (!allowed.includes(ancien)) return { ok: false, outcome: oldStep(s, classe, '', { fields: { ancien: 'Choisissez une réponse.' }, form: [] }, 422) };
  return { ok: true, classe, ancien };
}

export function teacherPages(portal: FastifyInstance, ctx: ServerContext): void {
  getPage(portal, ctx, TEACHER_PATHS.start, async (c) => {
    const s = await teacherState(c);
    if (!s) return forbidden();
    if (s.me.mustChooseClass) return { redirect: TEACHER_PATHS.cls };
    if (s.old.decision !== 'linked') return { redirect: TEACHER_PATHS.old };
    return { redirect: PORTAL_PATHS.space };
  });

  getPage(portal, ctx, TEACHER_PATHS.cls, async (c) => {
    const s = await teacherState(c);
    if (!s) return forbidden();
    if (!s.me.mustChooseClass) return { redirect: TEACHER_PATHS.old };
    return classStep(s, c.query('classe'), noErrors());
  });

  getPage(portal, ctx, TEACHER_PATHS.old, async (c) => {
    const s = await teacherState(c);
    if (!s) return forbidden();
    const checked = checkChoices(s, c.query('classe'), '', 'class');
    if (!checked.ok) return checked.outcome;
    if (s.old.decision === 'linked') return confirmStep(c, s, checked.classe, NONE, noErrors());
    return oldStep(s, checked.classe, c.query('ancien'), noErrors());
  });

  getPage(portal, ctx, TEACHER_PATHS.confirm, async (c) => {
    const s = await teacherState(c);
    if (!s) return forbidden();
    const checked = checkChoices(s, c.query('classe'), c.query('ancien'), 'both');
    if (!checked.ok) return checked.outcome;
    return confirmStep(c, s, checked.classe, checked.ancien, noErrors());
  });

  postForm(portal, ctx, TEACHER_PATHS.confirm, TEACHER_PATHS.start, async (c) => {
    let s = await teacherState(c);
    if (!s) return forbidden();
    const checked = checkChoices(s, c.form.get('classe', 200), c.form.get('ancien', 20), 'both');
    if (!checked.ok) return checked.outcome;
    const { classe, ancien } = checked;
    const login = c.form.get('login', 300).trim();
    const password = c.form.get('password', 300);
    if (ancien === BY_PASSWORD && (!login || !password)) {
      const errors = noErrors();
      if (!login) errors.fields.login = 'Saisissez votre identifiant de l’an dernier.';
      if (!password) errors.fields.password = 'Saisissez votre mot de passe de l’an dernier.';
      return confirmStep(c, s, classe, ancien, errors, 422);
    }
    let chosen: string | null = null;
    if (s.me.mustChooseClass) {
      try {
        chosen = (await chooseClass(ctx, s.principal, classe)).label;
      } catch (err) {
        const r = refusalOf(err, { classId: 'classe' });
        return classStep(s, '', r.errors, r.status);
      }
    }
    let moved = null;
    if (ancien !== NONE) {
      const body: TeacherLinkRequest = ancien === BY_EMAIL ? { method: 'email' } : { login, password };
      try {
        moved = (await linkTeacherOldAccount(ctx, c.req, s.principal, body)).moved;
      } catch (err) {
        const r = refusalOf(err, { method: 'ancien', login: 'login', password: 'password' });
        // The class may be chosen now: the page is built from the account as it is.
        s = (await teacherState(c)) ?? s;
        const errors = r.status === 401 ? { fields: { password: r.errors.form.join(' ') }, form: [] } : r.errors;
        return confirmStep(c, s, classe, ancien, errors, r.status, r.headers);
      }
    }
    const counts = moved ? countList(moved, 'moved') : null;
    return {
      title: 'C’est fait',
      body: html`<h1>C’est fait</h1>
${notice(html`${chosen ? html`Votre classe est enregistrée : <strong>${chosen}</strong>. ` : null}${moved ? 'Votre compte de l’an dernier est relié à celui-ci.' : ancien === NONE && s.old.decision !== 'linked' ? 'Vous pourrez relier votre compte de l’an dernier plus tard, depuis votre espace.' : ''}`, 'ok', 'teacher-result')}
${moved ? (counts ? html`<p>Ce qui a été déplacé dans votre compte :</p>${counts}` : html`<p>Votre ancien compte ne contenait rien à déplacer.</p>`) : null}
<p><a class="button" href="${PORTAL_PATHS.space}">Aller à mon espace</a></p>`,
    };
  });
}
