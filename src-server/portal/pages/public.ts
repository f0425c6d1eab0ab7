/**
 * The portal's public pages: home, sign-in (the letters' logins: the API's password check, rate limits and
 * refusals), sign-out, activation, forgotten credentials and the one-time code (the services of the trust rules:
 * same answers for any address, the password changes only when the code is used).
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context';
import { oneTimeCodeSchema, PASSWORD_MIN_LENGTH } from '../../../src-shared/api/activation';
import { PORTAL_PATHS } from '../../../src-shared/portal';
import { activate, forgotLegacy, usePasswordCode } from '../../services/activation';
import { checkLogin } from '../../services/auth';
import { refusalOf } from '../forms';
import { html } from '../html';
import { choices, csrfField, errorSummary, hasErrors, input, noErrors, notice, type FormErrors } from '../layout';
import { getPage, postForm, type Outcome, type PageCall } from '../page';
import { endPortalSession, startPortalSession } from '../session';

/** Messages a redirection may ask a page to show (fixed texts: nothing from the address is written in the page). */
const MESSAGES: Record<string, { text: string; kind: 'ok' | 'info' }> = {
  deconnexion: { text: 'Vous êtes déconnecté·e. À bientôt !', kind: 'ok' },
  session: { text: 'Connectez-vous pour continuer : votre session a pris fin, ou cette page demande un compte.', kind: 'info' },
};

const messageOf = (c: PageCall) => {
  const m = MESSAGES[c.query('message')];
  return m ? notice(m.text, m.kind) : null;
};

function home(c: PageCall): Outcome {
  const signedIn = c.session.principal !== null;
  return {
    title: 'Accueil',
    body: html`${messageOf(c)}<h1>Bienvenue dans l’espace numérique de travail de l’école</h1>
<p class="lead">Cet ENT réunit l’école et les familles : les espaces des classes (blog, cahier de textes, cahier de liaison), la messagerie et l’espace personnel de chaque élève, avec ce qui a été repris de l’an dernier.</p>
<p class="lead">Connectez-vous avec l’identifiant et le mot de passe de cette année (la lettre remise par l’école pour les élèves et les familles, votre courriel d’activation pour les personnels).</p>
<div class="actions">
${signedIn ? html`<a class="button" href="${PORTAL_PATHS.space}">Aller à mon espace</a>` : html`<a class="button" href="${PORTAL_PATHS.signIn}">Se connecter</a>`}
<a class="button secondary" href="${PORTAL_PATHS.activation}">Activer mon compte</a>
<a class="button secondary" href="${PORTAL_PATHS.forgot}">Identifiants oubliés</a>
</div>
<p><a href="${PORTAL_PATHS.code}">J’ai reçu un code par courriel</a></p>`,
  };
}

function signInPage(c: PageCall, values: { login: string }, errors: FormErrors, status = 200, headers: Record<string, string> = {}): Outcome {
  return {
    title: 'Connexion',
    status,
    headers,
    body: html`${messageOf(c)}<h1>Connexion</h1>
${errorSummary(errors)}
<p>Saisissez l’identifiant et le mot de passe de cette année. Pour un élève, ils figurent sur la lettre remise par l’école.</p>
<form method="post" action="${PORTAL_PATHS.signIn}" novalidate>
${csrfField(c.session.csrf)}
${input({ name: 'login', label: 'Identifiant', value: values.login, hint: 'Par exemple : lea.martin', autocomplete: 'username', errors, verbatim: true })}
${input({ name: 'password', label: 'Mot de passe', type: 'password', autocomplete: 'current-password', errors })}
<div class="actions"><button type="submit">Se connecter</button></div>
</form>
<h2>Première connexion ou identifiants perdus ?</h2>
<ul>
<li><a href="${PORTAL_PATHS.activation}">Activer mon compte</a> (personnels : avec votre adresse académique)</li>
<li><a href="${PORTAL_PATHS.forgot}">J’ai oublié mes identifiants</a></li>
<li><a href="${PORTAL_PATHS.code}">J’ai reçu un code par courriel</a></li>
</ul>`,
  };
}

/** The same "check your mail" page for any address (the services answer the same whether an account exists). */
function mailSent(message: string): Outcome {
  return {
    title: 'Vérifiez votre messagerie',
    body: html`<h1>Vérifiez votre messagerie</h1>
${notice(message, 'ok', 'mail-sent')}
<div class="actions">
<a class="button" href="${PORTAL_PATHS.code}">J’ai reçu un code : choisir mon mot de passe</a>
<a class="button secondary" href="${PORTAL_PATHS.signIn}">J’ai reçu mon mot de passe : me connecter</a>
</div>
<p class="muted">Le courriel peut mettre quelques minutes à arriver ; pensez à regarder dans les indésirables.</p>`,
  };
}

const emailField = (errors: FormErrors, value: string) =>
  input({ name: 'email', label: 'Adresse électronique académique', type: 'email', value, hint: 'De la forme prenom.nom@ac-votre-academie.fr', autocomplete: 'email', errors, verbatim: true });

function activationPage(c: PageCall, email: string, errors: FormErrors, status = 200, headers: Record<string, string> = {}): Outcome {
  return {
    title: 'Activer mon compte',
    status,
    headers,
    body: html`<h1>Activer mon compte</h1>
${errorSummary(errors)}
<p>Enseignants et personnels : indiquez votre adresse académique. Si votre compte n’a jamais servi, vous recevrez votre identifiant et votre mot de passe ; s’il est déjà activé, un code à usage unique pour choisir un nouveau mot de passe.</p>
<p class="muted">Élèves et familles : vos identifiants sont sur la lettre remise par l’école ; en cas de perte, demandez-en une nouvelle à l’école.</p>
<form method="post" action="${PORTAL_PATHS.activation}" novalidate>
${csrfField(c.session.csrf)}
${emailField(errors, email)}
<div class="actions"><button type="submit">Recevoir le courriel d’activation</button><a href="${PORTAL_PATHS.home}">Retour à l’accueil</a></div>
</form>`,
  };
}

const WHICH = { now: 'cette-annee', before: 'an-dernier' } as const;

function forgotPage(c: PageCall, values: { email: string; which: string }, errors: FormErrors, status = 200, headers: Record<string, string> = {}): Outcome {
  return {
    title: 'Identifiants oubliés',
    status,
    headers,
    body: html`<h1>J’ai oublié mes identifiants</h1>
${errorSummary(errors)}
<p>Indiquez votre adresse académique : l’ENT vous envoie votre identifiant et un code à usage unique, valable 30 minutes, pour choisir un nouveau mot de passe. Votre mot de passe actuel reste valable tant que le code n’a pas servi.</p>
<p class="muted">Élèves et familles : demandez une nouvelle lettre à l’école.</p>
<form method="post" action="${PORTAL_PATHS.forgot}" novalidate>
${csrfField(c.session.csrf)}
${choices({
  name: 'compte',
  legend: 'De quel compte s’agit-il ?',
  checked: values.which,
  errors,
  options: [
    { value: WHICH.now, label: 'Mon compte de cette année' },
    { value: WHICH.before, label: 'Mon compte de l’an dernier', hint: 'Celui qu’il faut prouver pour reprendre vos données ou celles de l’école.' },
  ],
})}
${emailField(errors, values.email)}
<div class="actions"><button type="submit">Recevoir un code</button><a href="${PORTAL_PATHS.home}">Retour à l’accueil</a></div>
</form>`,
  };
}

function codePage(c: PageCall, values: { code: string }, errors: FormErrors, status = 200, headers: Record<string, string> = {}): Outcome {
  return {
    title: 'Choisir un nouveau mot de passe',
    status,
    headers,
    body: html`<h1>Choisir un nouveau mot de passe</h1>
${errorSummary(errors)}
<p>Saisissez le code reçu par courriel (valable 30 minutes, une seule fois) et le mot de passe de votre choix.</p>
<form method="post" action="${PORTAL_PATHS.code}" novalidate>
${csrfField(c.session.csrf)}
${input({ name: 'code', label: 'Code reçu par courriel', value: values.code, hint: '12 lettres et chiffres, par exemple ABCD-EFGH-JKLM', autocomplete: 'one-time-code', errors, verbatim: true })}
${input({ name: 'newPassword', label: 'Nouveau mot de passe', type: 'password', hint: `Au moins ${PASSWORD_MIN_LENGTH} caractères, différent de votre identifiant`, autocomplete: 'new-password', errors })}
${input({ name: 'confirmation', label: 'Le même mot de passe, encore une fois', type: 'password', autocomplete: 'new-password', errors })}
<div class="actions"><button type="submit">Changer mon mot de passe</button><a href="${PORTAL_PATHS.forgot}">Je n’ai pas de code</a></div>
</form>`,
  };
}

export function publicPages(portal: FastifyInstance, ctx: ServerContext): void {
  getPage(portal, ctx, PORTAL_PATHS.home, async (c) => home(c));

  getPage(portal, ctx, PORTAL_PATHS.signIn, async (c) => (c.session.principal && !c.query('message') ? { redirect: PORTAL_PATHS.space } : signInPage(c, { login: '' }, noErrors())));
  postForm(portal, ctx, PORTAL_PATHS.signIn, PORTAL_PATHS.signIn, async (c) => {
    const login = c.form.get('login', 200).trim();
    const password = c.form.get('password', 200);
    const errors = noErrors();
    if (!login) errors.fields.login = 'Saisissez votre identifiant.';
    if (!password) errors.fields.password = 'Saisissez votre mot de passe.';
    if (hasErrors(errors)) return signInPage(c, { login }, errors, 422);
    let accountId: string;
    try {
      accountId = await checkLogin(ctx, c.req, login, password);
    } catch (err) {
      const r = refusalOf(err);
      // A wrong pair is said once, on the password field (the login is kept, the password never written back).
      if (r.status === 401) return signInPage(c, { login }, { fields: { password: r.errors.form.join(' ') }, form: [] }, 401);
      return signInPage(c, { login }, r.errors, r.status, r.headers);
    }
    await startPortalSession(ctx, c.req, c.reply, accountId, c.session.principal);
    return { redirect: PORTAL_PATHS.space };
  });

  const signOut = async (c: PageCall): Promise<Outcome> => {
    await endPortalSession(ctx, c.req, c.reply, c.session.principal);
    return { redirect: `${PORTAL_PATHS.home}?message=deconnexion` };
  };
  // A session already ended (elsewhere, or by a password change) only has its cookie cleared: nothing to protect.
  postForm(portal, ctx, PORTAL_PATHS.signOut, PORTAL_PATHS.home, signOut, signOut);

  getPage(portal, ctx, PORTAL_PATHS.activation, async (c) => activationPage(c, '', noErrors()));
  postForm(portal, ctx, PORTAL_PATHS.activation, PORTAL_PATHS.activation, async (c) => {
    const email = c.form.get('email', 254).trim();
    if (!email) return activationPage(c, email, { fields: { email: 'Saisissez votre adresse académique.' }, form: [] }, 422);
    try {
      return mailSent((await activate(ctx, c.req, email)).message);
    } catch (err) {
      const r = refusalOf(err, { email: 'email' });
      return activationPage(c, email, r.errors, r.status, r.headers);
    }
  });

  getPage(portal, ctx, PORTAL_PATHS.forgot, async (c) => forgotPage(c, { email: '', which: '' }, noErrors()));
  postForm(portal, ctx, PORTAL_PATHS.forgot, PORTAL_PATHS.forgot, async (c) => {
    const email = c.form.get('email', 254).trim();
    const which = c.form.get('compte', 40);
    const errors = noErrors();
    if (which !== WHICH.now && which !== WHICH.before) errors.fields.compte = 'Choisissez le compte dont vous avez oublié les identifiants.';
    if (!email) errors.fields.email = 'Saisissez votre adresse académique.';
    if (hasErrors(errors)) return forgotPage(c, { email, which }, errors, 422);
    try {
      return mailSent((which === WHICH.now ? await activate(ctx, c.req, email) : await forgotLegacy(ctx, c.req, email)).message);
    } catch (err) {
      const r = refusalOf(err, { email: 'email' });
      return forgotPage(c, { email, which }, r.errors, r.status, r.headers);
    }
  });

  getPage(portal, ctx, PORTAL_PATHS.code, async (c) => codePage(c, { code: '' }, noErrors()));
  postForm(portal, ctx, PORTAL_PATHS.code, PORTAL_PATHS.code, async (c) => {
    const code = c.form.get('code', 40).trim();
    const newPassword = c.form.get('newPassword', 300);
    const confirmation = c.form.get('confirmation', 300);
    const errors = noErrors();
    if (!oneTimeCodeSchema.safeParse(code).success) errors.fields.code = 'Saisissez le code de 12 lettres et chiffres reçu par courriel (par exemple ABCD-EFGH-JKLM).';
    if (newPassword.length < PASSWORD_MIN_LENGTH) errors.fields.newPassword = `Choisissez un mot de passe d’au moins ${PASSWORD_MIN_LENGTH} caractères.`;
    else if (newPassword.length > 200) errors.fields.newPassword = 'Choisissez un mot de passe de 200 caractères au plus.';
    else if (confirmation !== newPassword) errors.fields.confirmation = 'Les deux mots de passe ne sont pas identiques : saisissez le même deux fois.';
    if (hasErrors(errors)) return codePage(c, { code }, errors, 422);
    let done;
    try {
      done = await usePasswordCode(ctx, c.req, { code, newPassword });
    } catch (err) {
      const r = refusalOf(err, { code: 'code', newPassword: 'newPassword' });
      return codePage(c, { code }, r.errors, r.status, r.headers);
    }
    return {
      title: 'Mot de passe changé',
      body: html`<h1>Mot de passe changé</h1>
${notice(done.message, 'ok', 'password-changed')}
<dl class="summary"><dt>Identifiant</dt><dd data-testid="changed-login">${done.login}</dd><dt>Compte</dt><dd>${done.year === 'old' ? 'de l’an dernier' : 'de cette année'}</dd></dl>
${done.year === 'old'
  ? html`<p>Vous pouvez maintenant prouver cet ancien compte pour reprendre vos données : dans l’application Passerelle, ou ici, une fois connecté·e avec votre compte de cette année.</p><p><a class="button" href="${PORTAL_PATHS.signIn}">Se connecter avec mon compte de cette année</a></p>`
  : html`<p><a class="button" href="${PORTAL_PATHS.signIn}">Se connecter</a></p>`}`,
    };
  });
}
