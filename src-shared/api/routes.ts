/**
 * The ENT HTTP API as one table: each route's method, path, declared authentication and schemas, with its
 * documentation. The reference server registers its routes from it (and enforces `auth` in one hook), the OpenAPI
 * document is built from it, and the desktop client calls through it (`EntClient.call(name, …)`): a route is
 * written once.
 */
import { z } from 'zod';
import { acceptedResponseSchema, healthResponseSchema, idSchema, uaiSchema } from './common';
import { activationRequestSchema, passwordResetRequestSchema, passwordResetResponseSchema, supportRequestResponseSchema, supportRequestSchema } from './activation';
import { loginRequestSchema, logoutRequestSchema, meResponseSchema, refreshRequestSchema, tokenPairSchema } from './auth';
import { addPupilRequestSchema, chooseClassRequestSchema, chooseClassResponseSchema, classChoicesResponseSchema, rosterResponseSchema, spacesResponseSchema } from './roster';
import { legacyForgotRequestSchema, legacyGrantSchema, legacyRosterResponseSchema, legacyVerifyRequestSchema } from './legacy';
import { mergeBatchSchema, mergeReceiptSchema, mergeResponseSchema, pupilCredentialsResponseSchema, schoolMergesResponseSchema } from './merge';
import { parentCandidatesResponseSchema, parentDecisionRequestSchema, personalTransferResponseSchema, teacherLinkRequestSchema, teacherOldAccountResponseSchema } from './parents';
import { personalDataResponseSchema, personalRecoverRequestSchema, teacherClassSpacesRequestSchema, teacherClassSpacesResponseSchema, teacherClassSpacesResultSchema } from './staff';

export type EntAuth = 'none' | 'bearer' | 'bearer+grant';

export interface EntRoute {
  method: 'GET' | 'POST';
  /** OpenAPI form: `/v1/schools/{uai}/roster`. */
  path: string;
  auth: EntAuth;
  params?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  /** Status of a success (default 200). */
  status?: number;
  /** `text/event-stream` answer (its events carry `response`). */
  stream?: boolean;
  tag: string;
  summary: string;
  /** What the request is, in a French error message ("Le serveur … (connexion)"). */
  label: string;
  errors?: Record<number, string>;
  headers?: Record<string, string>;
}

export const uaiParams = z.object({ uai: uaiSchema }).strict();
export const idParams = z.object({ id: idSchema }).strict();
const noBody = z.undefined();
const TOO_MANY = 'trop de demandes (par adresse et par poste ; en-tête Retry-After)';

export const entRoutes = {
  health: { method: 'GET', path: '/v1/health', auth: 'none', response: healthResponseSchema, tag: 'système', summary: 'État du serveur', label: 'état du serveur' },
  login: {
    method: 'POST', path: '/v1/auth/login', auth: 'none', body: loginRequestSchema, response: tokenPairSchema, tag: 'authentification', summary: 'Connexion (compte de cette année)', label: 'connexion',
    errors: { 401: 'identifiants incorrects', 429: 'trop de tentatives (par compte et poste ; en-tête Retry-After)' },
  },
  refresh: {
    method: 'POST', path: '/v1/auth/refresh', auth: 'none', body: refreshRequestSchema, response: tokenPairSchema, tag: 'authentification', summary: 'Renouvelle les jetons (rotation ; un jeton déjà utilisé révoque toute la session)', label: 'session',
    errors: { 401: 'jeton de renouvellement invalide, expiré ou réutilisé' },
  },
  logout: { method: 'POST', path: '/v1/auth/logout', auth: 'none', body: logoutRequestSchema, response: noBody, status: 204, tag: 'authentification', summary: 'Déconnexion : la session prend fin aussitôt (ses jetons ne servent plus)', label: 'déconnexion' },
  me: { method: 'GET', path: '/v1/me', auth: 'bearer', response: meResponseSchema, tag: 'authentification', summary: 'Le compte connecté : rôles, écoles, classes', label: 'compte' },

  activation: {
    method: 'POST', path: '/v1/activation', auth: 'none', body: activationRequestSchema, response: acceptedResponseSchema, status: 202, tag: 'activation', label: 'activation du compte',
    summary: "Activation par adresse académique : identifiants d'un compte jamais activé, sinon code à usage unique (réponse identique que le compte existe ou non)",
    errors: { 400: 'adresse refusée (`invalid-email` : alias, adresse d’établissement…)', 429: TOO_MANY },
  },
  legacyForgot: {
    method: 'POST', path: '/v1/legacy/forgot', auth: 'none', body: legacyForgotRequestSchema, response: acceptedResponseSchema, status: 202, tag: 'ancien compte', label: "identifiants de l'an dernier oubliés",
    summary: "Identifiants de l'an dernier oubliés : identifiant et code à usage unique par courriel (réponse identique que le compte existe ou non)", errors: { 429: TOO_MANY },
  },
  passwordReset: {
    method: 'POST', path: '/v1/password-resets', auth: 'none', body: passwordResetRequestSchema, response: passwordResetResponseSchema, tag: 'activation', label: 'code à usage unique',
    summary: 'Utilise un code à usage unique : nouveau mot de passe choisi, toutes les sessions du compte prennent fin', errors: { 422: 'code inconnu, expiré ou déjà utilisé', 429: 'trop de codes erronés depuis ce poste' },
  },
  supportRequest: {
    method: 'POST', path: '/v1/support-requests', auth: 'none', body: supportRequestSchema, response: supportRequestResponseSchema, status: 201, tag: 'activation', label: "demande d'accès",
    summary: "Demande d'accès d'un enseignant remplaçant absent de l'ENT", errors: { 429: TOO_MANY },
  },

  roster: {
    method: 'GET', path: '/v1/schools/{uai}/roster', auth: 'bearer', params: uaiParams, response: rosterResponseSchema, tag: 'liste de cette année', label: 'liste de cette année',
    summary: 'Liste de cette année : classes, enseignants, élèves, parents (ETag ; If-None-Match → 304)', errors: { 304: 'inchangée depuis la version envoyée', 404: 'école inconnue' }, headers: { 'If-None-Match': 'ETag déjà reçu' },
  },
  addPupil: {
    method: 'POST', path: '/v1/schools/{uai}/roster/pupils', auth: 'bearer', params: uaiParams, body: addPupilRequestSchema, response: rosterResponseSchema, status: 201, tag: 'liste de cette année', label: 'synchronisation ONDE',
    summary: "Synchronisation ONDE d'un élève (idempotente : le même élève envoyé deux fois n'est créé qu'une fois ; change la version de la liste)",
  },
  spaces: { method: 'GET', path: '/v1/schools/{uai}/spaces', auth: 'bearer', params: uaiParams, response: spacesResponseSchema, tag: 'liste de cette année', label: 'espaces de cette année', summary: "Espaces de cette année de l'école et nombre d'éléments par application" },

  legacyVerify: {
    method: 'POST', path: '/v1/legacy/verify', auth: 'bearer', body: legacyVerifyRequestSchema, response: legacyGrantSchema, tag: 'ancien compte', label: "vérification de l'ancien compte",
    summary: "Vérifie des identifiants de l'an dernier (direction, référents, enseignants) → autorisation (grant) et ce qu'elle permet de récupérer",
    errors: { 403: "réservé à la direction, aux référents et aux enseignants ; ancien compte qui n'était pas celui d'un adulte de l'école", 429: "trop d'essais (par ancien compte et demandeur ; en-tête Retry-After)" },
  },
  legacyRoster: {
    method: 'GET', path: '/v1/legacy/schools/{uai}/roster', auth: 'bearer+grant', params: uaiParams, response: legacyRosterResponseSchema, tag: 'ancien compte', label: "liste de l'an dernier",
    summary: "Liste de l'an dernier et nombre d'éléments par espace et application, dans le périmètre de l'autorisation : toute l'école, ou les classes de l'enseignant et leurs élèves (en-tête X-Legacy-Grant)",
    headers: { 'X-Legacy-Grant': 'autorisation reçue de POST /v1/legacy/verify' },
  },

  postMerge: {
    method: 'POST', path: '/v1/schools/{uai}/merges', auth: 'bearer+grant', params: uaiParams, body: mergeBatchSchema, response: mergeReceiptSchema, status: 202, tag: 'rapprochement', label: 'envoi du lot',
    summary: "Envoie le lot de rapprochement de l'école (le premier accepté est définitif)",
    headers: { 'Idempotency-Key': 'obligatoire : même clé et même lot → même réponse', 'X-Legacy-Grant': "autorisation de l'ancien compte : obligatoire dès que le lot associe un élève ou récupère un espace ; elle doit couvrir chaque ancien compte et chaque espace" },
    errors: { 403: "sans autorisation de l'ancien compte, ou lot hors de son périmètre (problems : ce qui n'est pas couvert) : rien n'est enregistré", 409: 'école déjà rapprochée (details : quand, par qui)', 412: 'liste changée depuis la version de base (details : changements)', 422: 'lot invalide (tous les problèmes) ou clé réutilisée avec un autre lot' },
  },
  merge: { method: 'GET', path: '/v1/merges/{id}', auth: 'bearer', params: idParams, response: mergeResponseSchema, tag: 'rapprochement', label: 'avancement de la fusion', summary: 'État du rapprochement, étape par étape' },
  mergeEvents: {
    method: 'GET', path: '/v1/merges/{id}/events', auth: 'bearer', params: idParams, response: mergeResponseSchema, stream: true, tag: 'rapprochement', label: 'avancement de la fusion',
    summary: 'Flux SSE (text/event-stream) : événements `progress` (MergeResponse) puis `end` ; un commentaire de maintien toutes les 10 s pendant un long morceau',
  },
  schoolMerges: {
    method: 'GET', path: '/v1/schools/merges', auth: 'bearer', response: schoolMergesResponseSchema, tag: 'rapprochement', label: 'état des écoles',
    summary: "Le rapprochement de chaque école dont on est directeur ou référent : par qui, quand, où en est la fusion, lettres disponibles",
  },
  mergeCredentials: {
    method: 'GET', path: '/v1/merges/{id}/credentials', auth: 'bearer', params: idParams, response: pupilCredentialsResponseSchema, tag: 'rapprochement', label: 'identifiants des nouveaux élèves',
    summary: "Identifiants générés des nouveaux élèves sans association, pour toute direction ou tout référent de l'école (chaque lecture est enregistrée), jusqu'à l'impression des lettres ou 30 jours",
    errors: { 409: 'rapprochement pas encore terminé', 410: 'lettres marquées imprimées, ou identifiants expirés' },
  },
  releaseCredentials: {
    method: 'POST', path: '/v1/merges/{id}/credentials/printed', auth: 'bearer', params: idParams, response: noBody, status: 204, tag: 'rapprochement', label: 'lettres imprimées',
    summary: 'Les lettres sont imprimées : les mots de passe générés sont effacés, pour tous', errors: { 409: 'rapprochement pas encore terminé' },
  },

  parentCandidates: {
    method: 'GET', path: '/v1/parents/me/candidates', auth: 'bearer', response: parentCandidatesResponseSchema, tag: 'parents', label: 'anciens comptes de parent',
    summary: "Anciens comptes parents reconnus comme les siens (même prénom, parent du même enfant) : « Parent de Léa DURAND — CM1 B »",
  },
  parentDecision: {
    method: 'POST', path: '/v1/parents/me/decision', auth: 'bearer', body: parentDecisionRequestSchema, response: personalTransferResponseSchema, tag: 'parents', label: 'ancien compte de parent',
    summary: "Confirme un ancien compte reconnu, ou en prouve un autre par son mot de passe (ses données personnelles suivent), ou refuse : définitif",
    errors: { 403: "l'ancien compte prouvé n'était pas un compte de parent", 409: 'déjà répondu, ou ancien compte déjà récupéré par un autre compte', 422: 'compte non reconnu comme le vôtre', 429: "trop d'essais" },
  },
  classChoices: { method: 'GET', path: '/v1/teachers/me/class-choices', auth: 'bearer', response: classChoicesResponseSchema, tag: 'enseignants', label: 'classes de l’école', summary: "Première connexion : classes de l'école avec leurs trois premiers élèves" },
  chooseClass: { method: 'POST', path: '/v1/teachers/me/class', auth: 'bearer', body: chooseClassRequestSchema, response: chooseClassResponseSchema, tag: 'enseignants', label: 'choix de la classe', summary: 'Première connexion : choix de sa classe' },
  teacherOldAccount: {
    method: 'GET', path: '/v1/teachers/me/old-account', auth: 'bearer', response: teacherOldAccountResponseSchema, tag: 'enseignants', label: "ancien compte d'enseignant",
    summary: "L'ancien compte d'enseignant qui a la même adresse académique (s'il est libre), ou la liaison déjà faite",
  },
  linkTeacherOldAccount: {
    method: 'POST', path: '/v1/teachers/me/link-old-account', auth: 'bearer', body: teacherLinkRequestSchema, response: personalTransferResponseSchema, tag: 'enseignants', label: "ancien compte d'enseignant",
    summary: "Relie son propre ancien compte, par ses identifiants de l'an dernier ou par la même adresse académique : ses données personnelles suivent (définitif)",
    errors: { 403: "l'ancien compte n'était pas celui d'un enseignant", 409: 'déjà relié, ou ancien compte déjà récupéré par un autre compte', 422: "aucun ancien compte libre n'a la même adresse", 429: 'trop de tentatives' },
  },

  // An adult's own data with the grant of their own old account (src-shared/api/staff.ts).
  personalData: {
    method: 'GET', path: '/v1/me/personal-data', auth: 'bearer+grant', response: personalDataResponseSchema, tag: 'données personnelles', label: 'données personnelles',
    summary: "Ses données personnelles (messagerie, médiathèque, profil) ; avec l'autorisation de son ancien compte (X-Legacy-Grant), ce que celui-ci contient encore",
    errors: { 403: 'réservé à la direction, aux référents et aux enseignants de cette année' },
  },
  recoverPersonalData: {
    method: 'POST', path: '/v1/me/personal-data', auth: 'bearer+grant', body: personalRecoverRequestSchema, response: personalTransferResponseSchema, tag: 'données personnelles', label: 'récupération des données personnelles',
    summary: "Déplace les applications choisies de son propre ancien compte, prouvé (X-Legacy-Grant), vers son nouveau compte : définitif, une fois par ancien compte et par nouveau compte",
    errors: { 403: "sans l'autorisation de son ancien compte, ou rôle sans données d'adulte", 409: 'déjà fait, ou ancien compte déjà récupéré par un autre compte : rien n’a bougé' },
  },
  teacherClassSpaces: {
    method: 'GET', path: '/v1/teachers/me/class-spaces', auth: 'bearer+grant', response: teacherClassSpacesResponseSchema, tag: 'enseignants', label: 'espaces de classe',
    summary: "Ce qui arrive dans ses classes (lot de l'école, ou soi-même) ; avec l'autorisation de son ancien compte, ses anciennes classes et ce qu'est devenu chaque espace",
  },
  recoverTeacherClassSpaces: {
    method: 'POST', path: '/v1/teachers/me/class-spaces', auth: 'bearer+grant', body: teacherClassSpacesRequestSchema, response: teacherClassSpacesResultSchema, tag: 'enseignants', label: 'récupération des espaces de classe',
    summary: "Réponse définitive de l'enseignant : chaque ancienne classe qu'il enseignait (X-Legacy-Grant) vers l'une de ses classes, avec les applications choisies, ou « Je ne souhaite pas récupérer » ; le premier (lot de l'école ou enseignant) l'emporte",
    errors: { 403: "classe hors de l'autorisation de l'ancien compte, ou qui n'est pas la sienne cette année", 409: 'déjà répondu, ou espace déjà récupéré (lot de l’école, autre enseignant) : rien n’a bougé', 422: 'réponse invalide (tous les problèmes)' },
  },
} as const satisfies Record<string, EntRoute>;

export type EntRoutes = typeof entRoutes;
export type EntRouteName = keyof EntRoutes;
type Field<R, K extends string> = R extends Record<K, infer S extends z.ZodType> ? z.output<S> : undefined;
/** What a route takes: its path parameters and its body (parsed types). */
export type EntParams<N extends EntRouteName> = Field<EntRoutes[N], 'params'>;
export type EntBody<N extends EntRouteName> = Field<EntRoutes[N], 'body'>;
export type EntResponse<N extends EntRouteName> = z.output<EntRoutes[N]['response']>;

/** `/v1/schools/{uai}/roster` + `{uai: '0131234X'}` → `/v1/schools/0131234X/roster` (each value URL-encoded). */
export function entPath(template: string, params: Record<string, string> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
