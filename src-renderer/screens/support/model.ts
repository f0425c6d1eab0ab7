/**
 * Support mode's pure helpers: a timeline entry in words (the kind, a decision's kind and pair count, an error
 * worded from its code, key and parameters by the renderer's error catalog), a size in words, the keyboard moves
 * of the timeline, which of the user's screens a step opens on.
 */
import { ERROR_CODES, type ErrorCode } from '../../../src-shared/errors';
import { foldCase } from '../../../src-shared/domain/text';
import { REAL_DATA_CONSENT, type DiagnosticStep, type TimelineEntry } from '../../../src-shared/rpc/diagnostic';
import { isMessageKey, translate, type Locale, type MessageKey } from '../../i18n';
import { wordError } from '../../i18n/errors';

type Entry = Pick<TimelineEntry, 'kind' | 'decision' | 'pairs' | 'method' | 'attempt' | 'ok' | 'retry' | 'status' | 'error'>;

const isCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

/** The error the user met, in the screen's language, as their screen worded it (no French text is in the bundle). */
export function wordEntryError(locale: Locale, error: TimelineEntry['error']): string {
  if (!error) return '';
  return wordError(locale, { code: isCode(error.code) ? error.code : 'internal', message: '', key: error.key, params: error.params });
}

/** What an operation was, in words (`school.push` → « l’envoi »); an operation the catalog does not know keeps its name. */
export function wordMethod(locale: Locale, method: string | null): string {
  if (!method) return '—';
  const key = `assist.method.${method}`;
  return isMessageKey(key) ? translate(locale, key) : method;
}

/** A timeline entry in one line: « Décision : associations confirmées (12 paires) », « Réponse de l’ENT : erreur — … ». */
export function wordEntry(locale: Locale, e: Entry): string {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const error = wordEntryError(locale, e.error);
  switch (e.kind) {
    case 'pull':
      return t('assist.kind.pull');
    case 'pull-failed':
      return t('assist.kind.pull-failed', { error });
    case 'decision': {
      const key = `assist.decision.${e.decision ?? ''}`;
      const decision = isMessageKey(key) ? t(key) : (e.decision ?? '—');
      return e.pairs !== null && e.pairs > 0 ? t('assist.kind.decision.pairs', { decision, n: e.pairs }) : t('assist.kind.decision', { decision });
    }
    case 'undo':
      return t('assist.kind.undo');
    case 'redo':
      return t('assist.kind.redo');
    case 'confirm':
      return t('assist.kind.confirm');
    case 'send':
      return e.attempt !== null ? t('assist.kind.send.attempt', { attempt: e.attempt }) : t('assist.kind.send');
    case 'answer':
      if (e.ok) return t('assist.kind.answer.ok');
      return t(e.retry ? 'assist.kind.answer.retry' : 'assist.kind.answer.error', { error });
    case 'merge': {
      const key = `assist.merge.${e.status ?? ''}`;
      return t('assist.kind.merge', { status: isMessageKey(key) ? t(key) : (e.status ?? '—') });
    }
    case 'error':
      return t('assist.kind.error', { method: wordMethod(locale, e.method), error });
  }
}

/** Whether the entry is one of the errors the user met (the core's `isError`, for the marks of the timeline). */
export function isErrorEntry(e: Pick<TimelineEntry, 'kind' | 'ok' | 'status'>): boolean {
  return e.kind === 'pull-failed' || e.kind === 'error' || (e.kind === 'answer' && e.ok === false) || (e.kind === 'merge' && e.status === 'failed');
}

/** The step the timeline's keys move to from `current` (null: the key does nothing). */
export function timelineMove(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  let next: number;
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      next = current + 1;
      break;
    case 'ArrowUp':
    case 'ArrowLeft':
      next = current - 1;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = count - 1;
      break;
    case 'PageDown':
      next = current + 10;
      break;
    case 'PageUp':
      next = current - 10;
      break;
    default:
      return null;
  }
  next = Math.max(0, Math.min(count - 1, next));
  return next === current ? null : next;
}

export type SupportView = 'spaces' | 'pupils' | 'review' | 'batch';

/** The screen a step opens on: the pupils for a decision about pupils, the spaces for a class's space, else the review. */
export function viewForStep(step: Pick<DiagnosticStep, 'entry' | 'focus' | 'workspace'>): SupportView {
  if (!step.workspace) return 'batch';
  if (step.focus.newIds.length > 0 || step.focus.oldIds.length > 0) return 'pupils';
  if (step.entry.decision === 'map-class' || step.entry.decision === 'class-apps' || step.entry.decision === 'choose-apps') return 'spaces';
  if (step.entry.kind === 'pull' || step.entry.kind === 'pull-failed') return 'pupils';
  return 'review';
}

/** A file size in words: « 12 ko », « 3,4 Mo ». */
export function wordSize(locale: Locale, bytes: number): string {
  const number = (n: number) => n.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes < 1024 * 1024) return translate(locale, 'size.kb', { n: number(Math.max(1, Math.round(bytes / 1024))) });
  return translate(locale, 'size.mb', { n: number(bytes / (1024 * 1024)) });
}

/** The typed consent to real data, compared as the core does (no case, no accents, spaces squeezed). */
export function consentTyped(typed: string): boolean {
  const norm = (s: string) => foldCase(s).replace(/\s+/g, ' ').trim();
  return norm(typed) === norm(REAL_DATA_CONSENT);
}
