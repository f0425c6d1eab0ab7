/**
 * Typed errors shared by the server, the desktop core and the renderer.
 * Every code has a default French message a director understands, with what to do next.
 * No Node or DOM API here: this file is part of the contract.
 */
import { z } from 'zod';

export const ERROR_CODES = [
  'offline',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'stale-roster',
  'validation',
  'bad-request',
  'rate-limited',
  'payload-too-large',
  'unknown-method',
  'server',
  'internal',
  'invalid-email',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  offline: "Le serveur de l'ENT ne répond pas. Vérifiez la connexion à Internet puis réessayez.",
  unauthorized: 'Votre session a expiré ou vos identifiants sont incorrects. Reconnectez-vous.',
  forbidden: "Votre compte n'a pas le droit de faire cette opération pour cette école.",
  'not-found': "L'élément demandé n'existe pas (ou plus).",
  conflict: 'Cette école a déjà été rapprochée : le premier lot accepté est définitif.',
  'stale-roster': "La liste des comptes a changé depuis votre téléchargement. Téléchargez-la de nouveau.",
  validation: 'Certaines données ne sont pas valides. Corrigez les points signalés puis réessayez.',
  'bad-request': 'La demande est mal formée.',
  'rate-limited': 'Trop de tentatives. Patientez quelques minutes avant de réessayer.',
  'payload-too-large': 'Les données envoyées sont trop volumineuses.',
  'unknown-method': "Cette opération n'existe pas dans cette version de Passerelle.",
  server: "Le serveur de l'ENT a rencontré une erreur. Réessayez plus tard ; si cela persiste, contactez l'assistance.",
  internal: "Une erreur inattendue s'est produite. Réessayez ; si cela persiste, contactez l'assistance.",
  'invalid-email':
    "Utilisez votre adresse académique complète, de la forme prenom.nom@ac-votre-academie.fr (ni alias, ni adresse d'établissement).",
};

/** One problem found while validating an input (zod issue, business rule…). */
export const problemSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type Problem = z.infer<typeof problemSchema>;

export const appErrorShape = z.object({
  code: z.enum(ERROR_CODES),
  /** French text (the default wording: logs, CLI, and the screens when they have nothing better). */
  message: z.string(),
  problems: z.array(problemSchema).optional(),
  /** Message key and parameters, for the screens to word the error in their language (src-shared/messages.ts). */
  key: z.string().max(100).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type AppErrorShape = z.infer<typeof appErrorShape>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly problems: Problem[] | undefined;
  readonly key: string | undefined;
  readonly params: Record<string, string | number> | undefined;

  constructor(code: ErrorCode, message?: string, problems?: Problem[], wording?: { key: string; params?: Record<string, string | number> }) {
    super(message ?? DEFAULT_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.problems = problems;
    this.key = wording?.key;
    this.params = wording?.params;
  }

  toShape(): AppErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.problems ? { problems: this.problems } : {}),
      ...(this.key ? { key: this.key } : {}),
      ...(this.key && this.params ? { params: this.params } : {}),
    };
  }
}

/** Turns anything thrown into a safe shape: never a stack trace, never an internal detail. */
export function toErrorShape(err: unknown): AppErrorShape {
  if (err instanceof AppError) return err.toShape();
  return { code: 'internal', message: DEFAULT_MESSAGES.internal };
}

/** zod issues → French problems with a readable path (`pupils.3.nom`). */
export function problemsFromZod(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(racine)',
    message: frenchIssue(issue),
  }));
}

function frenchIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `type attendu : ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string' ? `texte trop court (minimum ${String(issue.minimum)})` : `valeur trop petite (minimum ${String(issue.minimum)})`;
    case 'too_big':
      return issue.origin === 'string' ? `texte trop long (maximum ${String(issue.maximum)})` : `valeur trop grande (maximum ${String(issue.maximum)})`;
    case 'invalid_format':
      return 'format invalide';
    case 'invalid_value':
      return 'valeur non autorisée';
    case 'unrecognized_keys':
      return `champ(s) inconnu(s) : ${issue.keys.join(', ')}`;
    default:
      return 'valeur invalide';
  }
}

export function validationError(error: z.ZodError, message?: string): AppError {
  return new AppError('validation', message, problemsFromZod(error));
}
