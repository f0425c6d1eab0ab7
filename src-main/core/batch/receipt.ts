/**
 * The receipt of a confirmed batch: exactly what was frozen (and then sent), by name, kept with the school in the
 * user's encrypted cache — after the merge too, when the rosters are wiped — printable and as CSV.
 */
import { batchReceiptSchema, type BatchReceipt, type BatchReview } from '../../../src-shared/rpc/core';
import { csvDocument } from '../csv/cells';
import type { CacheSecretStore } from '../secrets';
import type { BatchSummary } from './summary';
import type { MergeBatch } from '../../../src-shared/api';
import { keyedError } from '../../../src-shared/messages';

const key = (uai: string): string => `receipt.${uai}`;

const REASONS: Record<BatchReview['notFollowing'][number]['reason'], string> = {
  refused: 'association refusée',
  'no-match': 'aucun élève de cette année ne lui correspond',
  'opted-out': 'la famille a refusé que les données suivent',
};

export function receiptCsv(r: Omit<BatchReceipt, 'csv'>): string {
  const rows: string[][] = [];
  for (const c of r.review.classes) {
    for (const p of c.keeps) rows.push([r.uai, c.label, p.nom, p.prenom, 'garde son compte', p.oldClassLabel ? `classe de l'an dernier : ${p.oldClassLabel}` : '']);
    for (const p of c.newLogins) rows.push([r.uai, c.label, p.nom, p.prenom, 'nouvel identifiant', '']);
  }
  for (const p of r.review.notFollowing) rows.push([r.uai, p.classLabel, p.nom, p.prenom, 'ancien compte non repris', REASONS[p.reason]]);
  for (const s of r.review.spaces) rows.push([r.uai, s.newLabel ?? '', '', '', s.newClassId ? 'espace de classe repris' : 'espace de classe non repris', `${s.oldLabel} de l'an dernier${s.apps.length ? ` : ${s.apps.join(', ')}` : ''}`]);
  if (r.schoolSpaceApps) rows.push([r.uai, '', '', '', "espace de l'école repris", r.schoolSpaceApps.join(', ')]);
  return csvDocument(['ecole', 'classe', 'nom', 'prenom', 'decision', 'detail'], rows);
}

export class ReceiptStore {
  constructor(private readonly secrets: CacheSecretStore) {}

  /** At confirmation: what was frozen, under its Idempotency-Key. */
  record(input: { uai: string; schoolName: string; idempotencyKey: string; at: string; batch: MergeBatch; summary: BatchSummary; review: BatchReview }): BatchReceipt {
    const base: Omit<BatchReceipt, 'csv'> = {
      uai: input.uai,
      schoolName: input.schoolName,
      confirmedAt: input.at,
      idempotencyKey: input.idempotencyKey,
      mergeId: null,
      acceptedAt: null,
      finishedAt: null,
      state: 'confirmed',
      counts: input.summary.counts,
      schoolSpaceApps: input.batch.schoolSpace ? [...input.batch.schoolSpace.apps] : null,
      personalApps: [...input.batch.personalApps],
      review: { ...input.review, undecided: [] },
    };
    const receipt = { ...base, csv: receiptCsv(base) };
    this.secrets.set(key(input.uai), receipt);
    return receipt;
  }

  /** The ENT's answers, as they come: sent, accepted (merge id, when), merged. */
  advance(uai: string, idempotencyKey: string, patch: Partial<Pick<BatchReceipt, 'state' | 'mergeId' | 'acceptedAt' | 'finishedAt'>>): void {
    const current = this.get(uai);
    if (!current || current.idempotencyKey !== idempotencyKey) return;
    const { csv: _csv, ...rest } = { ...current, ...patch };
    this.secrets.set(key(uai), { ...rest, csv: receiptCsv(rest) });
  }

  get(uai: string): BatchReceipt | null {
    return this.secrets.get(key(uai), batchReceiptSchema);
  }

  require(uai: string): BatchReceipt {
    const r = this.get(uai);
    if (!r) throw keyedError('not-found', 'receipt.none', "Aucun lot n'a encore été confirmé pour cette école : le récapitulatif est établi à la confirmation.");
    return r;
  }
}
