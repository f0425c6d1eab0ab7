/**
 * The diagnostic's two sides. The user's: `prepare` builds the bundle from this installation (pseudonymised unless
 * real data are asked for) and says what is inside; `save` gives the file — real data only after the typed consent,
 * then encrypted with a password drawn for it and handed back once. Support's: `open` takes a file (in parts, the
 * browser host's bodies are capped), `unlock` an encrypted one, `step` replays a school at any step. Support works
 * in its own folder (`<data folder>/assistance/`: the pseudonymised bundle opened last, so a restart reopens it;
 * a real-data bundle stays in memory only), never opens the user's cache and never talks to an ENT.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { foldCase } from '../../../src-shared/domain/text';
import { keyedError } from '../../../src-shared/messages';
import { DIAGNOSTIC_EXCLUDED, REAL_DATA_CONSENT, type DiagnosticOverview, type DiagnosticStep, type DiagnosticSummary } from '../../../src-shared/rpc/diagnostic';
import type { CoreLogger } from '../log';
import type { SchoolContext } from '../school/context';
import type { Bundle } from './bundle';
import { collectBundle, type AppFacts } from './collect';
import { drawPassword, readDiagnostic, writeEncrypted, writePlain, type ReadFile } from './file';
import { pseudonymise } from './pseudonymise';
import { isError, overview, stepOf, timeline } from './replay';

export const SUPPORT_FOLDER = 'assistance';
const OPENED_FILE = 'diagnostic-ouvert.json';
/** A file sent in parts: at most this many characters in all. */
export const MAX_UPLOAD_CHARS = 200 * 1024 * 1024;

export interface DiagnosticDeps {
  facts(): AppFacts;
  /** The signed-in user's schools, when someone is signed in. */
  school(): SchoolContext | null;
  log: CoreLogger;
  now?: () => number;
  /** Keep the pseudonymised bundle opened last in `<data folder>/assistance/` (the app: yes; the CLI's inspect: no). */
  persist?: boolean;
}

interface Draft {
  id: string;
  bundle: Bundle;
  summary: DiagnosticSummary;
}

export function summaryOf(bundle: Bundle, bytes: number): DiagnosticSummary {
  return {
    pseudonymised: bundle.pseudonymised,
    app: { version: bundle.app.version, host: bundle.app.host, platform: bundle.app.platform, release: bundle.app.release },
    account: bundle.account !== null,
    schools: bundle.schools.map((s) => ({
      uai: s.uai,
      name: s.name,
      phase: s.phase,
      newPupils: s.rosters?.new.pupils.length ?? 0,
      oldPupils: s.rosters?.old.pupils.length ?? 0,
      proposals: s.rosters?.matching.pairs.length ?? 0,
      decisions: s.journal.length,
      batches: s.outbox.length,
      events: s.activity.length,
      errors: timeline(s).filter(isError).length,
    })),
    logs: { files: bundle.logs.length, lines: bundle.logs.reduce((n, f) => n + f.lines.length, 0) },
    excluded: [...DIAGNOSTIC_EXCLUDED],
    kinds: bundle.kinds,
    bytes,
  };
}

function stamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}`;
}

export class Diagnostics {
  private draft: Draft | null = null;
  private readonly uploads = new Map<string, { parts: string[]; received: number; chars: number }>();
  private locked: Extract<ReadFile, { kind: 'encrypted' }> | null = null;
  private opened: Bundle | null = null;
  private restored = false;

  constructor(private readonly deps: DiagnosticDeps) {}

  private now(): Date {
    return new Date(this.deps.now ? this.deps.now() : Date.now());
  }

  /** The bundle of this installation, and what is inside; nothing is written. */
  prepare(real: boolean): { draftId: string; summary: DiagnosticSummary } {
    const collected = collectBundle(this.deps.facts(), this.deps.school(), this.now());
    const bundle = real ? collected : pseudonymise(collected);
    const bytes = real ? Math.ceil((gzipSync(JSON.stringify(bundle)).length * 4) / 3) + 600 : Buffer.byteLength(writePlain(bundle));
    const draft: Draft = { id: randomBytes(12).toString('base64url'), bundle, summary: summaryOf(bundle, bytes) };
    this.draft = draft;
    return { draftId: draft.id, summary: draft.summary };
  }

  /** The prepared file. Real data: only with the typed consent, encrypted with a password given here, once. */
  save(draftId: string, consent: string | undefined): { fileName: string; text: string; password: string | null; summary: DiagnosticSummary } {
    const draft = this.draft;
    if (!draft || draft.id !== draftId) throw keyedError('not-found', 'diagnostic.draft-gone', 'Ce diagnostic n’est plus prêt : préparez-le de nouveau.');
    const at = this.now();
    if (draft.bundle.pseudonymised) {
      const text = writePlain(draft.bundle);
      this.draft = null;
      this.deps.log.info({ pseudonymised: true, schools: draft.bundle.schools.length, bytes: text.length }, 'diagnostic.saved');
      return { fileName: `diagnostic-passerelle-${stamp(at)}.json`, text, password: null, summary: { ...draft.summary, bytes: Buffer.byteLength(text) } };
    }
    const typed = foldCase(consent ?? '').replace(/\s+/g, ' ').trim();
    if (typed !== foldCase(REAL_DATA_CONSENT)) {
      throw keyedError('validation', 'diagnostic.consent', 'Pour enregistrer les vrais noms et dates de naissance, tapez exactement « {words} ».', { words: REAL_DATA_CONSENT });
    }
    const password = drawPassword();
    const text = writeEncrypted(draft.bundle, password);
    this.draft = null;
    this.deps.log.info({ pseudonymised: false, schools: draft.bundle.schools.length, bytes: text.length }, 'diagnostic.saved');
    return { fileName: `diagnostic-passerelle-${stamp(at)}-chiffre.json`, text, password, summary: { ...draft.summary, bytes: Buffer.byteLength(text) } };
  }

  /** Support: one part of a file; when the last arrives, the diagnostic is read (or waits for its password). */
  open(upload: string, part: number, parts: number, data: string): { state: 'partial' | 'locked' | 'open'; overview: DiagnosticOverview | null } {
    const current = this.uploads.get(upload) ?? { parts: new Array<string>(parts).fill(''), received: 0, chars: 0 };
    if (current.parts.length !== parts || part >= parts) throw keyedError('bad-request', 'diagnostic.parts', 'Le fichier est arrivé incomplet : ouvrez-le de nouveau.');
    if (current.parts[part] === '') current.received++;
    current.chars += data.length - (current.parts[part]?.length ?? 0);
    if (current.chars > MAX_UPLOAD_CHARS) {
      this.uploads.delete(upload);
      throw keyedError('payload-too-large', 'diagnostic.too-large', 'Ce fichier est trop gros pour un diagnostic (plus de 200 Mo).');
    }
    current.parts[part] = data;
    // One upload at a time: a new file replaces one left half-sent.
    for (const other of this.uploads.keys()) if (other !== upload) this.uploads.delete(other);
    this.uploads.set(upload, current);
    if (current.received < parts) return { state: 'partial', overview: null };
    this.uploads.delete(upload);
    const file = readDiagnostic(current.parts.join(''));
    if (file.kind === 'encrypted') {
      this.locked = file;
      this.opened = null;
      return { state: 'locked', overview: null };
    }
    this.locked = null;
    this.show(file.bundle, true);
    return { state: 'open', overview: overview(file.bundle) };
  }

  unlock(password: string): DiagnosticOverview {
    if (!this.locked) throw keyedError('not-found', 'diagnostic.nothing-locked', 'Aucun diagnostic chiffré n’attend de mot de passe : ouvrez d’abord le fichier.');
    const bundle = this.locked.unlock(password);
    this.locked = null;
    // Real names: kept in memory only, never written to this computer's disk.
    this.show(bundle, false);
    return overview(bundle);
  }

  current(): DiagnosticOverview | null {
    if (!this.opened && !this.restored && this.deps.persist !== false) {
      this.restored = true;
      try {
        const file = readDiagnostic(readFileSync(this.openedFile(), 'utf8'));
        if (file.kind === 'plain') this.opened = file.bundle;
      } catch {
        // Nothing opened before, or a file that no longer reads: support starts afresh.
      }
    }
    return this.opened ? overview(this.opened) : null;
  }

  step(uai: string, index: number): DiagnosticStep {
    if (!this.opened) this.current();
    if (!this.opened) throw keyedError('not-found', 'diagnostic.none-open', 'Aucun diagnostic n’est ouvert : ouvrez d’abord un fichier de diagnostic.');
    return stepOf(this.opened, uai, index);
  }

  close(): void {
    this.opened = null;
    this.locked = null;
    this.uploads.clear();
    this.restored = true;
    rmSync(this.openedFile(), { force: true });
  }

  private supportDir(): string {
    return join(this.deps.facts().dataRoot, SUPPORT_FOLDER);
  }

  private openedFile(): string {
    return join(this.supportDir(), OPENED_FILE);
  }

  private show(bundle: Bundle, keep: boolean): void {
    this.opened = bundle;
    this.restored = true;
    this.deps.log.info({ pseudonymised: bundle.pseudonymised, schools: bundle.schools.length, createdAt: bundle.createdAt }, 'diagnostic.opened');
    const file = this.openedFile();
    if (this.deps.persist === false) return;
    if (!keep || !bundle.pseudonymised) {
      rmSync(file, { force: true });
      return;
    }
    try {
      mkdirSync(this.supportDir(), { recursive: true, mode: 0o700 });
      if (process.platform !== 'win32') chmodSync(this.supportDir(), 0o700);
      writeFileSync(file, writePlain(bundle), { mode: 0o600 });
    } catch {
      // Support still sees it now; only a restart would forget it.
    }
  }
}
