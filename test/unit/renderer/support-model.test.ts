/** Support mode's pure helpers: timeline entries in words (French and English), keyboard moves, parts of a file, the consent. */
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_PART_CHARS, TIMELINE_KINDS, type TimelineEntry } from '../../../src-shared/rpc/diagnostic';
import { newUploadId, splitParts } from '../../../src-renderer/store/diagnostic';
import { consentTyped, isErrorEntry, timelineMove, viewForStep, wordEntry, wordMethod, wordSize } from '../../../src-renderer/screens/support/model';

const blank = { index: 0, at: '2026-09-03T08:12:00.000Z', uai: '0134567K', journalSeq: 0, decision: null, pairs: null, method: null, attempt: null, ok: null, retry: null, status: null, error: null };
const entry = (over: Partial<TimelineEntry>): TimelineEntry => ({ ...blank, kind: 'pull', ...over });

describe('timeline entries in words', () => {
  it('words every kind in French, a decision with its kind and pair count', () => {
    expect(wordEntry('fr', entry({ kind: 'pull' }))).toBe('Téléchargement des listes');
    expect(wordEntry('fr', entry({ kind: 'decision', decision: 'accept-pairs', pairs: 12 }))).toBe('Décision : associations confirmées (12 paires)');
    expect(wordEntry('fr', entry({ kind: 'decision', decision: 'refuse', pairs: 1 }))).toBe('Décision : association refusée (1 paire)');
    expect(wordEntry('fr', entry({ kind: 'decision', decision: 'choose-apps', pairs: null }))).toBe('Décision : applications choisies');
    expect(wordEntry('fr', entry({ kind: 'undo' }))).toBe('Annulation de la dernière décision');
    expect(wordEntry('fr', entry({ kind: 'redo' }))).toBe('Rétablissement d’une décision');
    expect(wordEntry('fr', entry({ kind: 'confirm' }))).toBe('Confirmation du lot');
    expect(wordEntry('fr', entry({ kind: 'send', attempt: 2 }))).toBe('Envoi du lot (tentative 2)');
    expect(wordEntry('fr', entry({ kind: 'answer', ok: true }))).toBe('Réponse de l’ENT : lot accepté');
    expect(wordEntry('fr', entry({ kind: 'merge', status: 'done' }))).toBe('Fusion sur l’ENT : terminée');
  });

  it('words an error from its code, key and parameters through the error catalog, and the operation it came from', () => {
    const decideError = entry({ kind: 'error', method: 'school.decide', error: { code: 'validation', key: 'decision.unknown-ids' } });
    const text = wordEntry('fr', decideError);
    expect(text.startsWith('Erreur pendant une décision : ')).toBe(true);
    expect(text).not.toContain('decision.unknown-ids');
    expect(text.length).toBeGreaterThan('Erreur pendant une décision : '.length + 10);
    // With parameters: the consent's words are put in the sentence.
    expect(wordEntry('fr', entry({ kind: 'error', method: 'diagnostic.save', error: { code: 'validation', key: 'diagnostic.consent', params: { words: 'DONNÉES RÉELLES' } } }))).toContain('« DONNÉES RÉELLES »');
    // A retried answer of the ENT says so; a key the catalog does not know falls back on the code's wording.
    const offline = wordEntry('fr', entry({ kind: 'answer', ok: false, retry: true, error: { code: 'offline' } }));
    expect(offline).toMatch(/^Réponse de l’ENT : erreur — .+ \(nouvel essai prévu\)$/);
    expect(wordEntry('fr', entry({ kind: 'pull-failed', error: { code: 'no-such-code', key: 'not.a.key' } }))).toMatch(/^Échec du téléchargement : .+/);
    expect(wordMethod('fr', 'school.push')).toBe('l’envoi');
    expect(wordMethod('fr', 'schools.board')).toBe('schools.board');
  });

  it('has an English wording for every kind, never the French one', () => {
    for (const kind of TIMELINE_KINDS) {
      const e = entry({ kind, decision: 'accept', pairs: 1, attempt: 1, ok: false, status: 'failed', method: 'school.push', error: { code: 'offline' } });
      const en = wordEntry('en', e);
      expect(en).not.toBe(wordEntry('fr', e));
      expect(en).not.toMatch(/[éèàù]|Décision|Erreur/);
    }
  });

  it('marks the errors as the core lists them', () => {
    expect(isErrorEntry(entry({ kind: 'pull-failed' }))).toBe(true);
    expect(isErrorEntry(entry({ kind: 'answer', ok: false }))).toBe(true);
    expect(isErrorEntry(entry({ kind: 'answer', ok: true }))).toBe(false);
    expect(isErrorEntry(entry({ kind: 'merge', status: 'failed' }))).toBe(true);
    expect(isErrorEntry(entry({ kind: 'merge', status: 'done' }))).toBe(false);
    expect(isErrorEntry(entry({ kind: 'decision' }))).toBe(false);
  });
});

describe('timeline keyboard', () => {
  it('moves by arrows, pages, Home and End, within the timeline', () => {
    expect(timelineMove('ArrowDown', 3, 10)).toBe(4);
    expect(timelineMove('ArrowUp', 3, 10)).toBe(2);
    expect(timelineMove('Home', 3, 10)).toBe(0);
    expect(timelineMove('End', 3, 10)).toBe(9);
    expect(timelineMove('PageDown', 3, 10)).toBe(9);
    expect(timelineMove('PageUp', 3, 10)).toBe(0);
    expect(timelineMove('ArrowUp', 0, 10)).toBeNull();
    expect(timelineMove('ArrowDown', 9, 10)).toBeNull();
    expect(timelineMove('a', 3, 10)).toBeNull();
    expect(timelineMove('End', 0, 0)).toBeNull();
  });

  it('opens a step on the screen its decision is about', () => {
    const ws = {} as NonNullable<Parameters<typeof viewForStep>[0]['workspace']>;
    const focus = (newIds: string[]) => ({ newIds, oldIds: [], classId: null });
    expect(viewForStep({ entry: entry({ kind: 'decision', decision: 'accept' }), focus: focus(['n1']), workspace: ws })).toBe('pupils');
    expect(viewForStep({ entry: entry({ kind: 'decision', decision: 'map-class' }), focus: { newIds: [], oldIds: [], classId: 'c1' }, workspace: ws })).toBe('spaces');
    expect(viewForStep({ entry: entry({ kind: 'confirm' }), focus: focus([]), workspace: ws })).toBe('review');
    expect(viewForStep({ entry: entry({ kind: 'confirm' }), focus: focus([]), workspace: null })).toBe('batch');
  });
});

describe('a file sent in parts', () => {
  it('cuts a text into parts the contract accepts, and they join back to the same text', () => {
    const text = 'é'.repeat(DIAGNOSTIC_PART_CHARS * 2 + 17);
    const parts = splitParts(text);
    expect(parts.map((p) => p.length)).toEqual([DIAGNOSTIC_PART_CHARS, DIAGNOSTIC_PART_CHARS, 17]);
    expect(parts.join('')).toBe(text);
    expect(splitParts('abc', 2)).toEqual(['ab', 'c']);
    expect(splitParts('')).toEqual(['']);
    expect(splitParts('a'.repeat(DIAGNOSTIC_PART_CHARS))).toHaveLength(1);
  });

  it('draws upload ids of the contract’s shape, different each time', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newUploadId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(newUploadId((b) => b.fill(255))).toBe('-'.repeat(22));
  });
});

describe('export', () => {
  it('takes the typed consent without case, accents or extra spaces, and nothing else', () => {
    expect(consentTyped('DONNÉES RÉELLES')).toBe(true);
    expect(consentTyped('  donnees   reelles ')).toBe(true);
    expect(consentTyped('oui')).toBe(false);
    expect(consentTyped('')).toBe(false);
  });

  it('words sizes', () => {
    expect(wordSize('fr', 500)).toBe('1 ko');
    expect(wordSize('fr', 12 * 1024)).toBe('12 ko');
    expect(wordSize('fr', 3.5 * 1024 * 1024)).toBe('3,5 Mo');
    expect(wordSize('en', 3.5 * 1024 * 1024)).toBe('3.5 MB');
  });
});
