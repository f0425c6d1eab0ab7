/** Parsing of bodies, params, queries and headers with the contract's zod schemas: any mismatch → 400 with problems. */
import type { z } from 'zod';
import { problemsFromZod } from '../../src-shared/errors';
import { HttpError } from './errors';

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'params' | 'query' | 'headers'): z.infer<S> {
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success) {
    const label = { body: 'Le contenu de la demande', params: "L'adresse de la demande", query: 'Les paramètres de la demande', headers: "Les en-têtes de la demande" }[where];
    throw new HttpError('bad-request', {
      message: `${label} n'est pas valide : corrigez les points signalés.`,
      problems: problemsFromZod(result.error).map((p) => ({ ...p, path: p.path === '(racine)' ? where : `${where}.${p.path}` })),
    });
  }
  return result.data;
}

/** Responses are checked against the contract too: a server bug becomes a clean 500, never a malformed answer. */
export function checkOutput<S extends z.ZodType>(schema: S, value: z.infer<S>): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new HttpError('internal', { message: "Le serveur a produit une réponse non conforme au contrat de l'API." });
  }
  return result.data;
}
