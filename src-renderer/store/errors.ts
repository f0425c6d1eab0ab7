/** Turns whatever an action threw into the French sentence shown to the director (never a stack trace). */
import { RpcError } from '../api';

export interface ShownError {
  code: string;
  message: string;
  problems: Array<{ path: string; message: string }>;
}

export function shownError(err: unknown): ShownError {
  if (err instanceof RpcError) return { code: err.code, message: err.message, problems: err.problems ?? [] };
  return { code: 'internal', message: "Une erreur inattendue s'est produite. Réessayez ; si cela persiste, contactez l'assistance.", problems: [] };
}
