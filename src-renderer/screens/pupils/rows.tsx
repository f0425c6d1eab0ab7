import { memo } from 'react';
import { Draggable, Droppable, type DraggableProvided } from '@hello-pangea/dnd';
import type { Proposal } from '../../../src-shared/domain/matching';
import { useT } from '../../i18n';
import { formatScore, frenchDate } from '../../components/format';
import type { Link, NewPupil, OldPupil } from './model';

export const NEW_ROW_HEIGHT = 76;
export const OLD_ROW_HEIGHT = 52;

/** One old account as a draggable card (right column, or in the middle once associated). */
export function OldCard({ pupil, provided, selected, onSelect, dragging }: { pupil: OldPupil; provided: DraggableProvided; selected: boolean; onSelect: () => void; dragging?: boolean }) {
  const t = useT();
  return (
    <div
      ref={provided.innerRef}
      {...provided.draggableProps}
      {...provided.dragHandleProps}
      className={`old-card${selected ? ' selected' : ''}${dragging ? ' dragging' : ''}`}
      aria-pressed={selected}
      aria-label={t('pupils.old.aria', { name: `${pupil.prenom} ${pupil.nom}`, oldClass: pupil.classLabel, date: frenchDate(pupil.dateNaissance) })}
      data-testid={`old-${pupil.id}`}
      onClick={onSelect}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          onSelect();
        }
      }}
    >
      <span className="name">
        {pupil.nom} {pupil.prenom}
      </span>
      <span className="muted small">
        {pupil.classLabel} · {frenchDate(pupil.dateNaissance)}
      </span>
    </div>
  );
}

interface NewRowProps {
  pupil: NewPupil;
  link: Link | null;
  linkedOld: OldPupil | null;
  linkedProposal: Proposal | null;
  review: { proposal: Proposal; old: OldPupil } | null;
  /** An old account is selected (keyboard association): the pupil button associates it. */
  hasSelection: boolean;
  /** The associated old account is the selected one. */
  linkedSelected: boolean;
  /** The pointer is over this row's slot during a drag. */
  over: boolean;
  onAssociate: (newId: string) => void;
  onAccept: (oldId: string, newId: string) => void;
  onUnlink: (newId: string) => void;
  onWhy: (newId: string) => void;
  onSelectOld: (oldId: string) => void;
}

/** Left: the new pupil (fixed). Middle: the old account associated with them, a drop target. */
export const NewPupilRow = memo(function NewPupilRow({ pupil, link, linkedOld, linkedProposal, review, hasSelection, linkedSelected, over, onAssociate, onAccept, onUnlink, onWhy, onSelectOld }: NewRowProps) {
  const t = useT();
  const name = `${pupil.prenom} ${pupil.nom}`;
  return (
    <div className={`new-row${review ? ' review' : ''}${link ? ' linked' : ''}`} data-testid={`new-${pupil.id}`}>
      <button
        type="button"
        className="new-pupil"
        onClick={() => onAssociate(pupil.id)}
        disabled={!hasSelection}
        aria-label={hasSelection ? t('pupils.new.associate', { name }) : t('pupils.new.aria', { name, date: frenchDate(pupil.dateNaissance) })}
        data-testid={`target-${pupil.id}`}
      >
        <span className="name">
          {pupil.nom} {pupil.prenom}
        </span>
        <span className="muted small">
          {pupil.niveau ?? '—'} · {frenchDate(pupil.dateNaissance)}
        </span>
      </button>
      <Droppable droppableId={`new:${pupil.id}`}>
        {(provided) => (
          <div ref={provided.innerRef} {...provided.droppableProps} data-slot={pupil.id} className={`slot${over ? ' over' : ''}`} aria-label={t('pupils.slot.aria', { name })}>
            {link && linkedOld ? (
              <div className="slot-content">
                <Draggable draggableId={`linked:${linkedOld.id}`} index={0}>
                  {(p, s) => <OldCard pupil={linkedOld} provided={p} selected={linkedSelected} onSelect={() => onSelectOld(linkedOld.id)} dragging={s.isDragging} />}
                </Draggable>
                <div className="slot-meta">
                  <span className={`badge ${link.origin === 'manual' ? 'manual' : linkedProposal?.status === 'auto' ? 'auto' : 'confirmed'}`}>
                    {link.origin === 'manual' ? t('status.manual') : linkedProposal?.status === 'auto' ? t('status.auto') : t('status.confirmed')}
                    {linkedProposal ? ` · ${formatScore(linkedProposal.score)}` : ''}
                  </span>
                  <button type="button" className="link small" onClick={() => onWhy(pupil.id)} aria-label={t('pupils.why.aria', { name })}>
                    {t('pupils.why')}
                  </button>
                  <button type="button" className="link small" onClick={() => onUnlink(pupil.id)} aria-label={t('pupils.unlink.aria', { name })}>
                    {t('pupils.unlink')}
                  </button>
                </div>
              </div>
            ) : review ? (
              <div className="slot-content proposal" data-testid={`review-${pupil.id}`}>
                <span className="proposal-name">
                  <span className="name">
                    {review.old.nom} {review.old.prenom}
                  </span>
                  <span className="muted small">
                    {review.old.classLabel} · {frenchDate(review.old.dateNaissance)}
                  </span>
                </span>
                <div className="slot-meta">
                  <span className="badge review">
                    {t('status.review')} · {formatScore(review.proposal.score)}
                  </span>
                  <button type="button" className="small" onClick={() => onAccept(review.old.id, pupil.id)} aria-label={t('pupils.accept.aria', { old: `${review.old.prenom} ${review.old.nom}`, name })}>
                    {t('pupils.accept')}
                  </button>
                  <button type="button" className="link small" onClick={() => onWhy(pupil.id)} aria-label={t('pupils.why.aria', { name })}>
                    {t('pupils.why')}
                  </button>
                </div>
              </div>
            ) : (
              <span className="muted small empty-slot">{t('pupils.slot.empty')}</span>
            )}
            <span className="dnd-placeholder">{provided.placeholder}</span>
          </div>
        )}
      </Droppable>
    </div>
  );
});
