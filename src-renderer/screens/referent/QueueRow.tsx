import { memo } from 'react';
import type { Proposal } from '../../../src-shared/domain/matching';
import { useT } from '../../i18n';
import { formatScore, frenchDate } from '../../components/format';
import { reasonsOf } from '../pupils/model';
import type { PairItem, QueueRow } from './model';

/** Every row of the queue has this height (the queue is windowed above 60 rows). */
export const QUEUE_ROW_HEIGHT = 64;

/** The engine's proposal a queue pair stands for (what « Pourquoi ? » and the class dialog show). */
export function proposalOf(item: PairItem): Proposal {
  return { old: item.old.id, new: item.new.id, score: item.score, status: item.status, evidence: item.evidence, reasons: item.reasons };
}

export interface QueueHandlers {
  onDecide: (index: number, accept: boolean) => void;
  onWhy: (index: number) => void;
  onUndo: (uai: string) => void;
  onOpen: (uai: string, step: 'spaces' | 'pupils' | null, classId: string | null) => void;
  onFocusRow: (index: number) => void;
}

interface RowProps extends QueueHandlers {
  row: QueueRow;
  index: number;
  active: boolean;
  canUndo: boolean;
  busy: boolean;
}

const full = (p: { prenom: string; nom: string }): string => `${p.prenom} ${p.nom}`;

/**
 * One row of the queue: a school's heading (undo, spaces, open), a class's heading (confirm or refuse the class's
 * pairs), a pair (confirm, refuse, « Pourquoi ? »), or an account nobody was proposed for. Focusable as a whole
 * (roving tabindex): the keys act on the focused row; its buttons are reachable with Tab.
 */
export const QueueRowView = memo(function QueueRowView({ row, index, active, canUndo, busy, onDecide, onWhy, onUndo, onOpen, onFocusRow }: RowProps) {
  const t = useT();
  const tab = active ? 0 : -1;
  let label: string;
  let body: React.ReactNode;
  let kind: string;
  if (row.kind === 'school') {
    kind = 'school';
    label = t('queue.school.aria', { school: row.name, n: row.pairs });
    body = (
      <>
        <h3 className="q-school-name" title={row.name}>
          {row.name} <span className="muted small">({row.uai})</span>
        </h3>
        <span className={`small${row.pairs > 0 ? ' reasons' : ''}`}>{row.pairs > 0 ? t('queue.school.left', { n: row.pairs }) : t('queue.school.settled')}</span>
        <span className="q-buttons">
          <button type="button" className="link small" tabIndex={tab} onClick={() => onUndo(row.uai)} disabled={!canUndo || busy} aria-label={t('queue.undo.aria', { school: row.name })}>
            {t('queue.undo')}
          </button>
          <button type="button" className="link small" tabIndex={tab} onClick={() => onOpen(row.uai, 'spaces', null)} aria-label={t('queue.spaces.aria', { school: row.name })}>
            {t('board.spaces')}
          </button>
          <button type="button" className="link small" tabIndex={tab} onClick={() => onOpen(row.uai, null, null)} aria-label={t('queue.open.aria', { school: row.name })}>
            {t('queue.open')}
          </button>
        </span>
      </>
    );
  } else if (row.kind === 'class') {
    kind = 'class';
    const n = row.pairs.length;
    label = row.old ? t('queue.class.old', { classe: row.label }) : t('queue.class.aria', { classe: row.label, n });
    body = (
      <>
        <span className="q-class-name">{row.old ? t('queue.class.old', { classe: row.label }) : t('queue.class', { classe: row.label || t('pupils.noClass') })}</span>
        {n > 0 ? <span className="small reasons">{t('queue.class.left', { n })}</span> : <span />}
        {n > 0 ? (
          <span className="q-buttons">
            <button type="button" className="small secondary" tabIndex={tab} onClick={() => onDecide(index, true)} disabled={busy} aria-label={t('queue.class.accept.aria', { n, classe: row.label })}>
              {t('pupils.class.acceptAll', { n })}
            </button>
            <button type="button" className="small secondary" tabIndex={tab} onClick={() => onDecide(index, false)} disabled={busy} aria-label={t('queue.class.refuse.aria', { n, classe: row.label })}>
              {t('pupils.class.refuseAll', { n })}
            </button>
          </span>
        ) : null}
      </>
    );
  } else if (row.item.kind === 'pair') {
    const item = row.item;
    kind = `pair ${item.status}`;
    const reasons = reasonsOf(proposalOf(item));
    const status = t(item.status === 'auto' ? 'status.auto' : 'status.review');
    label = t('queue.pair.aria', { old: full(item.old), oldClass: item.old.classLabel, name: full(item.new), classe: item.new.classLabel, status });
    body = (
      <>
        <span className="q-person" title={`${item.old.nom} ${item.old.prenom} — ${item.old.classLabel} · ${frenchDate(item.old.dateNaissance)}`}>
          <span className="name">
            {item.old.nom} {item.old.prenom}
          </span>
          <span className="muted small">
            {item.old.classLabel} · {frenchDate(item.old.dateNaissance)}
          </span>
        </span>
        <span className="q-arrow" aria-hidden="true">
          →
        </span>
        <span className="q-person" title={`${item.new.nom} ${item.new.prenom} — ${item.new.classLabel} · ${frenchDate(item.new.dateNaissance)}`}>
          <span className="name">
            {item.new.nom} {item.new.prenom}
          </span>
          <span className="muted small">
            {item.new.classLabel} · {frenchDate(item.new.dateNaissance)}
          </span>
        </span>
        <span className={`badge ${item.status === 'auto' ? 'auto' : 'review'}`}>
          {status} · {formatScore(item.score)}
        </span>
        <span className="q-buttons">
          <button type="button" className="link small" tabIndex={tab} onClick={() => onWhy(index)} aria-label={t('pupils.why.aria', { name: full(item.new) })}>
            {t('pupils.why')}
          </button>
          <button type="button" className="small" tabIndex={tab} onClick={() => onDecide(index, true)} disabled={busy} aria-label={t('pupils.accept.aria', { old: full(item.old), name: full(item.new) })}>
            {t('pupils.accept')}
          </button>
          <button type="button" className="small secondary" tabIndex={tab} onClick={() => onDecide(index, false)} disabled={busy} aria-label={t('pupils.refuse.aria', { old: full(item.old), name: full(item.new) })}>
            {t('pupils.refuse')}
          </button>
        </span>
        {reasons.length > 0 ? (
          <span className="reasons small q-reasons" title={reasons.join(' · ')}>
            {reasons.join(' · ')}
          </span>
        ) : null}
      </>
    );
  } else {
    const item = row.item;
    const person = item.kind === 'unmatched-new' ? item.new : item.old;
    kind = 'unmatched';
    const text = item.kind === 'unmatched-new' ? t('queue.unmatched.new') : t('queue.unmatched.old');
    label = `${full(person)} (${person.classLabel}) : ${text}`;
    body = (
      <>
        <span className="q-person" title={`${person.nom} ${person.prenom} — ${person.classLabel} · ${frenchDate(person.dateNaissance)}`}>
          <span className="name">
            {person.nom} {person.prenom}
          </span>
          <span className="muted small">
            {person.classLabel} · {frenchDate(person.dateNaissance)}
          </span>
        </span>
        <span className="small muted q-unmatched">{text}</span>
        <span className="q-buttons">
          <button type="button" className="link small" tabIndex={tab} onClick={() => onOpen(item.uai, 'pupils', item.kind === 'unmatched-new' ? item.new.classId : null)} aria-label={t('queue.link.aria', { name: full(person) })}>
            {t('queue.link')}
          </button>
        </span>
      </>
    );
  }
  return (
    <div className={`qrow ${kind}${active ? ' active' : ''}`} data-index={index} data-testid={`queue-row-${index}`} data-pairs={row.kind === 'item' ? undefined : row.kind === 'class' ? row.pairs.length : row.pairs} tabIndex={tab} role="group" aria-label={label} onFocus={(e) => e.target === e.currentTarget && onFocusRow(index)}>
      {body}
    </div>
  );
});
