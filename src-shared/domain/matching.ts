/**
 * Result of the matching engine (old hand-typed accounts ↔ new ONDE accounts), as zod schemas so the RPC
 * layer, the CLI and the renderer share one contract.
 */
import { z } from 'zod';

export const EVIDENCE_FIELDS = ['nom', 'prenom', 'dateNaissance', 'niveau', 'classe', 'sexe'] as const;
export type EvidenceField = (typeof EVIDENCE_FIELDS)[number];

/** One piece of evidence: what was compared, how it matched, what it contributed to the score. */
export const evidenceSchema = z.object({
  field: z.enum(EVIDENCE_FIELDS),
  /** e.g. exact, case, accents, separators, particle, double-name-part, nickname, variant, typo, initials,
   * short-form, swapped, different, missing, day-month-swapped, one-day-off, transposed-digits, placeholder,
   * next-level, repeat, inconsistent, classmates (where the old class's pupils went), review:<reason code>. */
  kind: z.string(),
  /** Short French text for the UI ("Prénom : « Tom » est un diminutif de « Thomas »"). */
  detail: z.string(),
  /** Contribution to the score (negative when it speaks against the pair). */
  weight: z.number(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const MATCH_STATUSES = ['auto', 'review'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/**
 * Why a person must check a `review` pair — what the files cannot rule out. Codes the engine writes today (a
 * reader must accept others): dateless, placeholder-date, swapped, one-letter, two-letters, name-variant,
 * two-old-accounts, two-new-accounts, close-call, same-level, leaving-level, level-unknown, weak, name-differs,
 * names-weak, date-differs, level-differs, sex-differs. The plain French of each is the pair's evidence line of
 * kind `review:<code>` ("Sans date de naissance : vérifiez qu'il s'agit du même enfant").
 */
export const REVIEW_REASON_KIND_PREFIX = 'review:';

export const proposalSchema = z.object({
  old: z.string(),
  new: z.string(),
  score: z.number(),
  /** `auto`: safe to apply without review; `review`: plausible, a person confirms. */
  status: z.enum(MATCH_STATUSES),
  /** Field by field; a `review` pair's reasons close the list, in plain French (kind `review:<code>`, weight 0). */
  evidence: z.array(evidenceSchema),
  /** `review` pairs: why a person must check, as reason codes, most important first (absent from older engines' results). */
  reasons: z.array(z.string()).optional(),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const classMappingProposalSchema = z.object({
  oldClassId: z.string(),
  newClassId: z.string(),
  /** Pupils of the old class proposed in the new class. */
  pupils: z.number().int().nonnegative(),
  /** Share (0..1) of the old class's matched pupils that went to this new class. */
  share: z.number(),
  /** A teacher of the old class teaches the new class (same academic e-mail). */
  sameTeacher: z.boolean(),
  detail: z.string(),
});
export type ClassMappingProposal = z.infer<typeof classMappingProposalSchema>;

export const matchResultSchema = z.object({
  pairs: z.array(proposalSchema),
  unmatchedOld: z.array(z.string()),
  unmatchedNew: z.array(z.string()),
  classMappings: z.array(classMappingProposalSchema),
});
export type MatchResult = z.infer<typeof matchResultSchema>;
