/**
 * The journal table: one row per decision (or undo/redo), committed before the caller is answered
 * (autocommit under WAL + synchronous=FULL). Rows are never updated; only the post-merge wipe deletes them.
 */
import type { Database, Statement } from 'better-sqlite3';
import { nowIso } from '../cache/database';
import { journalEntrySchema, type JournalEntry, type JournalEvent } from './decisions';
import { keyedError } from '../../../src-shared/messages';

interface JournalRow {
  seq: number;
  uai: string;
  at: string;
  kind: string;
  payload: string;
}

export class JournalStore {
  private readonly insert: Statement<[string, string, string, string]>;
  private readonly selectBySchool: Statement<[string], JournalRow>;

  constructor(private readonly db: Database) {
    this.insert = db.prepare('INSERT INTO journal (uai, at, kind, payload) VALUES (?, ?, ?, ?)');
    this.selectBySchool = db.prepare<[string], JournalRow>('SELECT seq, uai, at, kind, payload FROM journal WHERE uai = ? ORDER BY seq');
  }

  /** Appends one entry and returns its seq once it is durably committed. */
  append(uai: string, entry: JournalEntry): JournalEvent {
    const parsed = journalEntrySchema.safeParse(entry);
    if (!parsed.success) throw keyedError('validation', 'decision.invalid', "Cette décision n'est pas valide.");
    const at = nowIso();
    const result = this.insert.run(uai, at, parsed.data.kind, JSON.stringify(parsed.data));
    return { seq: Number(result.lastInsertRowid), uai, at, entry: parsed.data };
  }

  list(uai: string): JournalEvent[] {
    return this.selectBySchool.all(uai).map((row) => ({ seq: row.seq, uai: row.uai, at: row.at, entry: parseEntry(row) }));
  }

  deleteSchool(uai: string): void {
    this.db.prepare('DELETE FROM journal WHERE uai = ?').run(uai);
  }
}

function parseEntry(row: JournalRow): JournalEntry {
  const parsed = journalEntrySchema.safeParse(JSON.parse(row.payload));
  if (!parsed.success) throw keyedError('internal', 'journal.damaged', 'Le journal des décisions est abîmé (entrée {seq}).', { seq: row.seq });
  return parsed.data;
}
