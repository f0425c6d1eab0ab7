/**
 * « Mon espace », the page after sign-in: one part per role of the account — a pupil sees what their new account
 * holds since the school's merge (or a friendly « nothing to bring over »), a parent their association, a teacher
 * their first-login steps, a director or referent where their part happens (the desktop app).
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context';
import { PORTAL_PATHS } from '../../../src-shared/portal';
import { countList, total } from '../apps';
import { html, type Html } from '../html';
import { notice } from '../layout';
import { getPage, type PageCall } from '../page';
import { pupilView } from '../views';
import { parentCard } from './parent';
import { teacherCard } from './teacher';

async function pupilCard(c: PageCall): Promise<Html | null> {
  const { principal } = await c.signedIn();
  const role = principal.roles.find((r) => r.role === 'pupil');
  if (!role) return null;
  const v = await pupilView(c.ctx, principal.accountId, role.schoolUai);
  let content: Html;
  if (v.merge !== 'done') {
    content = html`<p data-testid="pupil-wait">${v.merge === 'running' ? 'L’école est en train de reprendre les données de l’an dernier' : 'L’école n’a pas encore repris les données de l’an dernier'} : elles apparaîtront ici dès que ce sera fait.</p>`;
  } else {
    const personal = countList(v.personal, 'pupil-personal');
    const classSpace = countList(v.classSpace, 'pupil-class');
    content = html`${v.keptAccount
      ? html`${notice('Votre compte de l’an dernier vous a suivi : vous gardez votre identifiant et votre mot de passe.', 'ok', 'pupil-kept')}
<h3>Dans votre espace personnel</h3>
${personal ? html`<p>Ce que vous retrouvez de l’an dernier :</p>${personal}` : html`<p>Votre espace personnel de l’an dernier était vide : rien à reprendre.</p>`}`
      : notice('Rien à reprendre de l’an dernier : votre compte est tout neuf. Bienvenue dans l’ENT de l’école !', 'info', 'pupil-new')}
${v.classLabel
  ? html`<h3>Dans votre classe, ${v.classLabel}</h3>${classSpace && total(v.classSpace) > 0 ? html`<p>L’espace de la classe contient déjà :</p>${classSpace}` : html`<p>L’espace de la classe est prêt pour cette année.</p>`}`
  : null}`;
  }
  return html`<section class="card" aria-labelledby="carte-eleve"><h2 id="carte-eleve">Votre compte d’élève</h2>${content}</section>`;
}

async function managerCard(c: PageCall): Promise<Html | null> {
  const { principal } = await c.signedIn();
  if (!principal.roles.some((r) => r.role === 'director' || r.role === 'referent')) return null;
  return html`<section class="card" aria-labelledby="carte-direction"><h2 id="carte-direction">Rapprochement des comptes de l’école</h2>
<p>Le rapprochement des comptes de l’an dernier avec ceux de cette année, et l’impression des lettres des nouveaux élèves, se font dans l’application Passerelle.</p></section>`;
}

export function spacePages(portal: FastifyInstance, ctx: ServerContext): void {
  getPage(portal, ctx, PORTAL_PATHS.space, async (c) => {
    const { me } = await c.signedIn();
    const cards = [await pupilCard(c), await parentCard(c), await teacherCard(c), await managerCard(c)].filter((x): x is Html => x !== null);
    return {
      title: 'Mon espace',
      body: html`<h1>Bonjour ${me.prenom} !</h1>
${me.schools.length ? html`<p class="muted">${me.schools.map((s) => s.name).join(' · ')}</p>` : null}
${cards.length ? cards : html`<p>Votre compte est prêt : il n’y a rien à faire ici pour le moment.</p>`}`,
    };
  });
}
