/**
 * A parent's association at the portal, in three steps: confirm their identity, choose among *their own* old
 * accounts (only those the server recognises as theirs — `services/personal-data.ts` decides, never this page), an
 * old account proven by its password, or nothing; then the final decision, announced as final before it is taken.
 * Steps 1–2 are plain links and GET forms (nothing changes); only the last step posts, and the service checks the
 * choice again: a tampered hidden value is refused there and nothing moves.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context';
import { parentDecisionRequestSchema, type ParentCandidatesResponse, type ParentDecisionRequest } from '../../../src-shared/api/parents';
import { PORTAL_PATHS } from '../../../src-shared/portal';
import { parentCandidates, parentDecision } from '../../services/personal-data';
import type { Principal } from '../../services/auth';
import { countList } from '../apps';
import { refusalOf, type Refusal } from '../forms';
import { html, type Html } from '../html';
import { choices, csrfField, errorSummary, input, noErrors, notice, steps, type FormErrors } from '../layout';
import { getPage, postForm, type FormCall, type Outcome, type PageCall } from '../page';
import { childrenOf, mergeState, personalCounts, type Child } from '../views';

export const PARENT_PATHS = { start: '/parent', notMe: '/parent/pas-moi', account: '/parent/ancien-compte', confirm: '/parent/confirmation', decision: '/parent/decision' } as const;

const STEPS = ['Votre identité', 'Votre compte de l’an dernier', 'Confirmation'];
const OTHER = 'autre';
const NONE = 'aucun';

const childName = (k: Child): string => `${k.prenom} ${k.nom.toUpperCase()}${k.classLabel ? ` (${k.classLabel})` : ''}`;

function forbidden(): Outcome {
  return { status: 403, title: 'Réservé aux parents', body: html`<h1>Cette page est réservée aux comptes parents</h1><p>Votre compte n’est pas un compte de parent de cette année.</p><p><a class="button" href="${PORTAL_PATHS.space}">Aller à mon espace</a></p>` };
}

interface ParentState { principal: Principal; children: Child[]; candidates: ParentCandidatesResponse; mergeDone: boolean }

async function parentState(c: PageCall): Promise<ParentState | null> {
  const { principal } = await c.signedIn();
  if (principal.year !== 'new' || !principal.roles.some((r) => r.role === 'parent')) return null;
  const children = await childrenOf(c.ctx, principal.accountId);
  const schools = [...new Set(children.map((k) => k.schoolUai))];
  const states = await Promise.all(schools.map((uai) => mergeState(c.ctx, uai)));
  return { principal, children, candidates: await parentCandidates(c.ctx, principal), mergeDone: states.length > 0 && states.every((s) => s === 'done') };
}

const notYet = (): Html =>
  html`<p data-testid="parent-wait">L’école de votre enfant n’a pas encore repris les comptes de l’an dernier : revenez dans quelques jours, vous pourrez alors retrouver vos messages et votre profil de l’an dernier.</p>`;

/** The parent's part of « Mon espace ». */
export async function parentCard(c: PageCall): Promise<Html | null> {
  const s = await parentState(c);
  if (!s) return null;
  let content: Html;
  if (s.candidates.decision === 'confirmed') {
    const counts = countList(await personalCounts(c.ctx, s.principal.accountId), 'parent-counts');
    content = html`${notice('Vous avez repris votre compte de l’an dernier : cette décision est définitive.', 'ok', 'parent-done')}${counts ? html`<p>Votre espace personnel contient :</p>${counts}` : null}`;
  } else if (s.candidates.decision === 'refused') {
    content = notice('Vous avez choisi de ne rien reprendre de l’an dernier : cette décision est définitive.', 'ok', 'parent-done');
  } else if (!s.mergeDone) {
    content = notYet();
  } else {
    content = html`<p>Retrouvez vos messages et votre profil de l’an dernier dans votre compte de cette année : trois étapes, une minute.</p>
<p><a class="button" href="${PARENT_PATHS.start}" data-testid="parent-start">Reprendre mes informations de l’an dernier</a></p>`;
  }
  return html`<section class="card" aria-labelledby="carte-parent"><h2 id="carte-parent">Vos informations de l’an dernier</h2>${content}</section>`;
}

function accountStep(s: ParentState, checked: string, errors: FormErrors, status = 200): Outcome {
  const list = s.candidates.candidates;
  return {
    title: 'Votre compte de l’an dernier',
    status,
    body: html`${steps(STEPS, 2)}<h1>Votre compte de l’an dernier</h1>
${errorSummary(errors)}
<p>${list.length
  ? (list.length > 1 ? 'L’ENT a reconnu ces comptes de l’an dernier comme les vôtres.' : 'L’ENT a reconnu ce compte de l’an dernier comme le vôtre.')
  : 'L’ENT ne reconnaît aucun compte de l’an dernier comme le vôtre. Si vous en aviez un, vous pouvez le prouver avec son identifiant et son mot de passe.'}</p>
<p class="muted">Seuls vos propres comptes sont proposés : même prénom, parent du même enfant l’an dernier. Celui de l’autre parent ne l’est jamais : chacun reprend le sien.</p>
<form method="get" action="${PARENT_PATHS.confirm}" novalidate>
${choices({
  name: 'compte',
  legend: 'Lequel était le vôtre ?',
  checked,
  errors,
  options: [
    ...list.map((cand) => ({ value: cand.id, label: cand.label, hint: 'Reconnu comme le vôtre par l’ENT', testId: 'candidate' })),
    { value: OTHER, label: 'Un autre compte de l’an dernier', hint: 'Vous connaissez son identifiant et son mot de passe' },
    { value: NONE, label: 'Aucun : je ne reprends rien de l’an dernier', hint: 'Par exemple si vous n’aviez pas de compte' },
  ],
})}
<div class="actions"><button type="submit">Continuer</button><a class="button secondary" href="${PARENT_PATHS.start}">Retour</a></div>
</form>`,
  };
}

function confirmStep(c: PageCall, s: ParentState, chosen: string, errors: FormErrors, status = 200, headers: Record<string, string> = {}): Outcome {
  const candidate = s.candidates.candidates.find((x) => x.id === chosen);
  let what: Html;
  let fields: Html | null = null;
  if (candidate) {
    what = html`<dl class="summary"><dt>Vous reprenez</dt><dd data-testid="chosen">${candidate.label}</dd><dt>Ce qui sera déplacé</dt><dd>vos messages et votre profil de l’an dernier, dans votre compte de cette année</dd></dl>
<input type="hidden" name="decision" value="confirm"><input type="hidden" name="candidateId" value="${candidate.id}">`;
  } else if (chosen === OTHER) {
    what = html`<p>Indiquez l’identifiant et le mot de passe de votre compte de l’an dernier : s’il était bien un compte de parent, vos messages et votre profil seront déplacés dans votre compte de cette année.</p><input type="hidden" name="decision" value="prove">`;
    fields = html`${input({ name: 'login', label: 'Identifiant de l’an dernier', autocomplete: 'off', errors, verbatim: true, value: '' })}${input({ name: 'password', label: 'Mot de passe de l’an dernier', type: 'password', autocomplete: 'off', errors })}`;
  } else {
    what = html`<p data-testid="chosen">Vous ne reprenez rien de l’an dernier : vos anciens messages et votre ancien profil ne seront pas déplacés.</p><input type="hidden" name="decision" value="refuse">`;
  }
  return {
    title: 'Confirmation',
    status,
    headers,
    body: html`${steps(STEPS, 3)}<h1>Confirmez votre choix</h1>
${errorSummary(errors)}
<form method="post" action="${PARENT_PATHS.decision}" novalidate>
${csrfField(c.session.csrf)}
${what}
${fields}
<div class="warning" data-testid="final-warning"><p><strong>Cette décision est définitive.</strong> Une fois confirmée, elle ne pourra plus être changée, ni par vous ni par l’école.</p></div>
<div class="actions"><button type="submit">Confirmer définitivement</button><a class="button secondary" href="${PARENT_PATHS.account}?compte=${encodeURIComponent(chosen)}">Retour</a></div>
</form>`,
  };
}

const alreadyDecided = (r: Refusal): Outcome => ({
  status: r.status,
  title: 'Décision déjà prise',
  body: html`<h1>Vous avez déjà répondu</h1>${notice(r.errors.form.join(' ') || 'Cette décision est définitive.', 'info', 'refusal')}<p><a class="button" href="${PORTAL_PATHS.space}">Aller à mon espace</a></p>`,
});

function decisionOf(c: FormCall): ParentDecisionRequest | null {
  const decision = c.form.get('decision', 20);
  const raw = decision === 'confirm' ? { decision, candidateId: c.form.get('candidateId', 300) } : decision === 'prove' ? { decision, login: c.form.get('login', 300).trim(), password: c.form.get('password', 300) } : { decision };
  const parsed = parentDecisionRequestSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function parentPages(portal: FastifyInstance, ctx: ServerContext): void {
  getPage(portal, ctx, PARENT_PATHS.start, async (c) => {
    const s = await parentState(c);
    if (!s) return forbidden();
    if (s.candidates.decision) return { redirect: PORTAL_PATHS.space };
    const { me } = await c.signedIn();
    return {
      title: 'Votre identité',
      body: html`${steps(STEPS, 1)}<h1>Est-ce bien vous ?</h1>
${s.mergeDone
  ? html`<p>Vous êtes connecté·e avec ce compte de parent :</p>
<dl class="summary" data-testid="identity"><dt>Parent</dt><dd>${me.prenom} ${me.nom.toUpperCase()}</dd><dt>${s.children.length > 1 ? 'Enfants' : 'Enfant'}</dt><dd>${s.children.map((k, i) => html`${i ? ', ' : ''}${childName(k)}`)}</dd></dl>
<div class="actions"><a class="button" href="${PARENT_PATHS.account}">Oui, c’est moi</a><a class="button secondary" href="${PARENT_PATHS.notMe}">Non, ce n’est pas moi</a></div>`
  : notYet()}`,
    };
  });

  getPage(portal, ctx, PARENT_PATHS.notMe, async (c) => {
    await c.signedIn();
    return {
      title: 'Ce compte n’est pas le vôtre',
      body: html`<h1>Ce compte n’est pas le vôtre</h1>
<p>Ne faites rien avec ce compte : déconnectez-vous et prévenez l’école de votre enfant, qui vous remettra vos propres identifiants. Rien n’a été changé.</p>
<form method="post" action="${PORTAL_PATHS.signOut}">${csrfField(c.session.csrf)}<div class="actions"><button type="submit">Me déconnecter</button><a class="button secondary" href="${PARENT_PATHS.start}">Retour</a></div></form>`,
    };
  });

  getPage(portal, ctx, PARENT_PATHS.account, async (c) => {
    const s = await parentState(c);
    if (!s) return forbidden();
    if (s.candidates.decision || !s.mergeDone) return { redirect: s.candidates.decision ? PORTAL_PATHS.space : PARENT_PATHS.start };
    return accountStep(s, c.query('compte'), noErrors());
  });

  getPage(portal, ctx, PARENT_PATHS.confirm, async (c) => {
    const s = await parentState(c);
    if (!s) return forbidden();
    if (s.candidates.decision || !s.mergeDone) return { redirect: s.candidates.decision ? PORTAL_PATHS.space : PARENT_PATHS.start };
    const chosen = c.query('compte');
    if (!chosen) return accountStep(s, '', { fields: { compte: 'Choisissez une réponse.' }, form: [] }, 422);
    if (chosen !== OTHER && chosen !== NONE && !s.candidates.candidates.some((x) => x.id === chosen)) {
      return accountStep(s, '', { fields: { compte: 'Ce compte ne fait pas partie des comptes reconnus comme les vôtres : choisissez parmi les réponses proposées.' }, form: [] }, 422);
    }
    return confirmStep(c, s, chosen, noErrors());
  });

  postForm(portal, ctx, PARENT_PATHS.decision, PARENT_PATHS.account, async (c) => {
    const s = await parentState(c);
    if (!s) return forbidden();
    const d = decisionOf(c);
    if (!d) {
      if (c.form.get('decision', 20) === 'prove') return confirmStep(c, s, OTHER, { fields: { login: 'Saisissez l’identifiant et le mot de passe de l’an dernier.' }, form: [] }, 422);
      return accountStep(s, '', { fields: { compte: 'Choisissez une réponse.' }, form: [] }, 422);
    }
    let moved;
    try {
      moved = await parentDecision(ctx, c.req, s.principal, d);
    } catch (err) {
      const r = refusalOf(err, { candidateId: 'compte', login: 'login', password: 'password' });
      if (r.status === 409) return alreadyDecided(r);
      if (d.decision === 'prove') {
        const errors = r.status === 401 ? { fields: { password: r.errors.form.join(' ') }, form: [] } : r.errors;
        return confirmStep(c, s, OTHER, errors, r.status, r.headers);
      }
      // The service refused the choice (not one of this parent's own accounts): nothing moved.
      const errors: FormErrors = { fields: Object.fromEntries(Object.entries(r.errors.fields).map(([k, v]) => [k, `${v} Rien n’a été déplacé.`])), form: r.errors.form };
      return accountStep(s, '', errors, r.status);
    }
    const counts = countList(moved.moved, 'moved');
    return {
      title: 'C’est fait',
      body: html`<h1>C’est fait</h1>
${moved.decision === 'refused'
  ? notice('C’est noté : vous ne reprenez rien de l’an dernier.', 'ok', 'parent-result')
  : html`${notice('Votre compte de l’an dernier est repris : ses informations sont maintenant dans votre compte de cette année.', 'ok', 'parent-result')}${counts ? html`<p>Ce qui a été déplacé :</p>${counts}` : html`<p>Votre ancien compte ne contenait rien à déplacer.</p>`}`}
<p><a class="button" href="${PORTAL_PATHS.space}">Aller à mon espace</a></p>`,
    };
  });
}
