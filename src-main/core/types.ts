/**
 * The facade's public types: what the RPC router, the hosts and the CLI see of the core. Each is the contract's
 * zod schema's type (`src-shared/rpc/core.ts`): the core returns exactly what the contract says, never a hand
 * copy of it.
 */
import type { z } from 'zod';
import type {
  accountSchema,
  batchPreviewSchema,
  decisionAckSchema,
  pushOutcomeSchema,
  schoolListItemSchema,
  schoolStatusSchema,
  workspaceSchema,
} from '../../src-shared/rpc/core';

export type { BatchReceipt, BatchReview } from '../../src-shared/rpc/core';

export type Account = z.infer<typeof accountSchema>;
export type SchoolListItem = z.infer<typeof schoolListItemSchema>;
export interface LegacyCredentials {
  login: string;
  password: string;
}
export type SchoolStatus = z.infer<typeof schoolStatusSchema>;
/** `reconciled-elsewhere`: someone else's batch was accepted first (a 409, or the ENT's school status). */
export type SchoolPhase = SchoolStatus['phase'];
/** Everything the reconciliation screens show for one school (works offline). */
export type Workspace = z.infer<typeof workspaceSchema>;
export type DecisionAck = z.infer<typeof decisionAckSchema>;
export type BatchPreview = z.infer<typeof batchPreviewSchema>;
export interface Confirmation {
  idempotencyKey: string;
  summary: BatchPreview['summary'];
}
export type PushOutcome = z.infer<typeof pushOutcomeSchema>;
