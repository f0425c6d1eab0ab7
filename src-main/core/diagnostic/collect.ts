/**
 * Gathers a diagnostic from this installation: versions and system, settings without secrets, the most recent log
 * lines of the data folder, and each school of the signed-in user's cache (rosters and matching as downloaded, the
 * journal, every batch confirmed and its state, the receipt, what the ENT said, the activity). The secrets table is
 * read for two values only (the receipt, the ENT's statement) and the grant's class list: never a token, a grant
 * or a credential letter.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { arch, cpus, release, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { isSensitiveKey } from '../../../src-shared/log-privacy';
import { readSettings } from '../settings';
import type { SchoolContext } from '../school/context';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type Bundle, type SchoolBundle } from './bundle';

export interface AppFacts {
  name: string;
  version: string;
  host: string;
  serverUrl: string;
  dataRoot: string;
  logsDir: string | null;
}

/** Recent logs: at most this many bytes read, newest files first. */
export const LOG_BYTES = 2 * 1024 * 1024;
export const LOG_LINES = 5000;

const grantClassesSchema = z.object({ classIds: z.array(z.string()).default([]) });

export function collectBundle(facts: AppFacts, ctx: SchoolContext | null, now: Date = new Date()): Bundle {
  const settings = Object.fromEntries(Object.entries(readSettings(facts.dataRoot)).filter(([key]) => !isSensitiveKey(key)));
  const me = ctx?.rememberedAccount() ?? null;
  const intl = Intl.DateTimeFormat().resolvedOptions();
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt: now.toISOString(),
    pseudonymised: false,
    kinds: null,
    app: {
      name: facts.name,
      version: facts.version,
      host: facts.host,
      serverUrl: facts.serverUrl,
      platform: process.platform,
      release: release(),
      arch: arch(),
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      cpus: cpus().length,
      memoryMb: Math.round(totalmem() / 1024 / 1024),
      locale: intl.locale,
      timeZone: intl.timeZone,
    },
    settings,
    account: me ? { id: me.id, login: me.login, nom: me.nom, prenom: me.prenom, roles: me.roles.map((r) => ({ role: r.role, schoolUai: r.schoolUai ?? '' })) } : null,
    activity: ctx ? ctx.activity.list(null).map(({ at, kind, journalSeq, data }) => ({ at, kind, journalSeq, data })) : [],
    logs: facts.logsDir ? recentLogs(facts.logsDir) : [],
    schools: ctx ? ctx.snapshots.schools().map((s) => collectSchool(ctx, s.uai)) : [],
  };
}

function collectSchool(ctx: SchoolContext, uai: string): SchoolBundle {
  const stored = ctx.snapshots.school(uai);
  const loaded = stored?.phase === 'merged' ? null : ctx.snapshots.load(uai);
  const receipt = ctx.receipts.get(uai);
  const { csv: _csv, ...receiptWithoutCsv } = receipt ?? { csv: '' };
  return {
    uai,
    name: stored?.name ?? uai,
    phase: ctx.phase(uai),
    pulledAt: loaded?.pulledAt ?? null,
    rosters: loaded ? { new: loaded.newRoster, old: loaded.oldRoster, matching: loaded.matching } : null,
    grantClassIds: ctx.secrets.get(`legacy.grant.${uai}`, grantClassesSchema)?.classIds ?? [],
    journal: ctx.journal.list(uai).map(({ seq, at, entry }) => ({ seq, at, entry })),
    outbox: ctx.outbox.history(uai).map((e) => ({
      id: e.id,
      state: e.state,
      idempotencyKey: e.idempotencyKey,
      attempts: e.attempts,
      mergeId: e.mergeId,
      lastError: e.lastError,
      detail: e.detail,
      journalSeq: e.journalSeq,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      batch: e.batch,
    })),
    receipt: receipt ? (receiptWithoutCsv as SchoolBundle['receipt']) : null,
    ent: ctx.ent.of(uai),
    mergedSummary: stored?.phase === 'merged' ? stored.summary : null,
    activity: ctx.activity.list(uai).map(({ at, kind, journalSeq, data }) => ({ at, kind, journalSeq, data })),
  };
}

/** The last lines of the folder's log files (every host of this data folder), oldest first in each file. */
export function recentLogs(dir: string, maxBytes = LOG_BYTES, maxLines = LOG_LINES): Bundle['logs'] {
  let files: Array<{ path: string; modifiedAt: number; bytes: number }>;
  try {
    files = readdirSync(dir)
      .filter((n) => n.endsWith('.log'))
      .map((n) => {
        const path = join(dir, n);
        const stat = statSync(path);
        return { path, modifiedAt: stat.mtimeMs, bytes: stat.size };
      })
      .sort((a, b) => b.modifiedAt - a.modifiedAt);
  } catch {
    return [];
  }
  const out: Bundle['logs'] = [];
  let bytes = 0;
  let count = 0;
  for (const file of files) {
    if (bytes >= maxBytes || count >= maxLines) break;
    let text: string;
    try {
      text = readFileSync(file.path, 'utf8');
    } catch {
      continue;
    }
    const tail = text.length > maxBytes - bytes ? text.slice(text.length - (maxBytes - bytes)) : text;
    bytes += tail.length;
    const lines: Array<Record<string, unknown>> = [];
    for (const line of tail.split('\n')) {
      try {
        const parsed: unknown = JSON.parse(line);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) lines.push(parsed as Record<string, unknown>);
      } catch {
        // A cut first line, or not one of ours.
      }
    }
    const kept = lines.slice(Math.max(0, lines.length - (maxLines - count)));
    count += kept.length;
    out.push({ file: basename(file.path), lines: kept });
  }
  return out.reverse();
}
