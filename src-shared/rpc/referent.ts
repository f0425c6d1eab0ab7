/**
 * RPC schemas of the work on many schools at once (an ENT referent's, or a director's of several schools): one
 * proof of the old account for every school it covered, the board of the schools, downloads / confirmations /
 * sendings of many schools with bounded concurrency, one review queue across schools, and the decisions as a
 * spreadsheet (export, edit, import as a whole). Each school stays its own batch (first wins per school).
 */
import { z } from 'zod';
import { uaiSchema } from '../api';
import { SCHOOL_PHASES } from '../domain/school-lifecycle';
import { evidenceSchema } from '../domain/matching';
import { batchSummarySchema, entMergeSchema } from './core';

const credentials = z.object({ login: z.string().min(1).max(200), password: z.string().min(1).max(200) }).strict();
const uaiList = z.array(uaiSchema).min(1).max(2000);

/** What one proof of the old account opened (kept, encrypted, per school until it expires). */
export const legacyProofSchema = z.object({
  oldAccount: z.object({ login: z.string(), nom: z.string(), prenom: z.string() }),
  expiresAt: z.string(),
  /** Schools whose whole old data it covers (a referent's or a director's). */
  schools: z.array(z.object({ uai: z.string(), name: z.string() })),
  /** Schools where it covers some classes only (a teacher's). */
  classSchools: z.array(z.object({ uai: z.string(), classes: z.number().int() })),
});
export type LegacyProof = z.infer<typeof legacyProofSchema>;

/** Where a school stands, for the board: from the local cache and what the ENT said, together. */
export const BOARD_STATES = ['not-pulled', 'pulling', 'pull-failed', 'to-review', 'ready', 'confirmed', 'sending', 'merging', 'merged', 'failed', 'conflict'] as const;
export type BoardState = (typeof BOARD_STATES)[number];

export const boardRowSchema = z.object({
  uai: z.string(),
  name: z.string(),
  /** The school's town when the ENT gives it (null otherwise). */
  commune: z.string().nullable(),
  state: z.enum(BOARD_STATES),
  phase: z.enum(SCHOOL_PHASES),
  /** A valid proof of the old account covers the school (its old list can be downloaded and its batch sent). */
  covered: z.boolean(),
  counts: z
    .object({
      newPupils: z.number().int(),
      oldPupils: z.number().int(),
      linked: z.number().int(),
      /** Proposals neither confirmed nor refused. */
      undecided: z.number().int(),
      /** New pupils with no old account proposed (they will get a login) and old accounts proposed to nobody. */
      unmatchedNew: z.number().int(),
      unmatchedOld: z.number().int(),
    })
    .nullable(),
  /** While downloading or merging: how far. */
  progress: z.object({ done: z.number().int(), total: z.number().int(), label: z.string().optional() }).nullable(),
  /** The last failure of a download of this school (French), kept until the next try. */
  error: z.string().nullable(),
  ent: entMergeSchema,
});
export type BoardRow = z.infer<typeof boardRowSchema>;

export const boardSchema = z.object({
  rows: z.array(boardRowSchema),
  totals: z.object({
    schools: z.number().int(),
    byState: z.record(z.enum(BOARD_STATES), z.number().int()),
    newPupils: z.number().int(),
    undecided: z.number().int(),
  }),
  /** Downloads asked for and not finished yet (resumed when the server answers, also after a restart). */
  pendingPulls: z.array(z.string()),
});
export type Board = z.infer<typeof boardSchema>;

const person = z.object({ id: z.string(), nom: z.string(), prenom: z.string(), dateNaissance: z.string().nullable(), classId: z.string().nullable(), classLabel: z.string() });

/** One line of the shared review queue. */
export const queueItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pair'),
    uai: z.string(),
    schoolName: z.string(),
    status: z.enum(['auto', 'review']),
    score: z.number(),
    reasons: z.array(z.string()),
    evidence: z.array(evidenceSchema),
    old: person,
    new: person,
  }),
  /** A new pupil no old account was proposed for (gets a login unless linked by hand). */
  z.object({ kind: z.literal('unmatched-new'), uai: z.string(), schoolName: z.string(), new: person }),
  /** An old account proposed to nobody (its data will not follow unless linked by hand). */
  z.object({ kind: z.literal('unmatched-old'), uai: z.string(), schoolName: z.string(), old: person }),
]);
export type QueueItem = z.infer<typeof queueItemSchema>;

const perSchoolResult = z.object({ uai: z.string(), ok: z.boolean(), error: z.string().nullable() });

export const referentRpcMethods = {
  /** Proves the old account once: the grant is kept for every school it covers (never a director's password). */
  'legacy.prove': { input: credentials, output: legacyProofSchema },
  /** The board of every school of the account (cache + the ENT's statement; works offline with the last one). */
  'schools.board': { input: z.object({ refresh: z.boolean().optional() }).strict(), output: boardSchema },
  /** Downloads the given schools (bounded concurrency, progress per school and overall); resumable. */
  'schools.pullMany': { input: z.object({ uais: uaiList, legacy: credentials.nullable().optional() }).strict(), output: z.object({ results: z.array(perSchoolResult) }) },
  /** Accepts every sure proposal still undecided, school by school (one undoable decision per school). */
  'schools.acceptAutoMany': { input: z.object({ uais: uaiList }).strict(), output: z.object({ results: z.array(perSchoolResult.extend({ accepted: z.number().int() })) }) },
  /** Every undecided pair and unmatched account of the schools, grouped by school then class (new class, else old). */
  'queue.list': { input: z.object({ uais: uaiList.optional(), includeUnmatched: z.boolean().optional() }).strict(), output: z.object({ items: z.array(queueItemSchema) }) },
  /** Freezes each school's batch (each refused while a proposal is undecided: said per school). */
  'schools.confirmMany': { input: z.object({ uais: uaiList }).strict(), output: z.object({ results: z.array(perSchoolResult.extend({ summary: batchSummarySchema.nullable() })) }) },
  /** Sends the confirmed batches (bounded concurrency) and follows them; the core's background work goes on. */
  'schools.pushMany': { input: z.object({ uais: uaiList, legacy: credentials.nullable().optional() }).strict(), output: z.object({ results: z.array(perSchoolResult.extend({ outcome: z.string().nullable() })) }) },
  /** The decisions of one school or several as a spreadsheet (UTF-8 with BOM, `;`). */
  'decisions.export': { input: z.object({ uais: uaiList.optional() }).strict(), output: z.object({ csv: z.string(), rows: z.number().int(), fileName: z.string() }) },
  /**
   * Imports an edited spreadsheet as a whole: validated first (French errors naming line and column), then one
   * undoable decision per school, all or nothing. `content`: the file's bytes in base64 (UTF-8, with or without BOM,
   * or Windows-1252).
   */
  'decisions.import': {
    input: z.object({ content: z.string().min(1).max(40_000_000) }).strict(),
    output: z.object({ schools: z.array(z.object({ uai: z.string(), confirmed: z.number().int(), refused: z.number().int() })), unchanged: z.number().int() }),
  },
} as const;
