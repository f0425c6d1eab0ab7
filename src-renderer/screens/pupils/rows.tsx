import { memo } from 'react';
import { Draggable, Droppable, type DraggableProvided } from '@hello-pangea/dnd';
import type { Proposal } from '../../../src-shared/domain/matching';
import { useT } from '../../i18n';
import { formatScore, frenchDate } from '../../components/format';
import type { Link, NewPupil, OldPupil } from './model';

export const OLD_ROW_HEIGHT = 52;

/** One old account as a draggable card (right column, or in the middle once associated). */
export function OldCard({ pupil, provided, selected, onSelect, dragging }: { pupil: OldPupil; provided: DraggableProvided; selected: boolean; onSelect: () => void; dragging?: boolean }) {
  const t = useT();
  const details = `${pupil.classLabel} · ${frenchDate(pupil.dateNaissance)}`;
  // A long name is cut on screen (CSS); the whole of it is in the title (hover) and the accessible name.
  return (
    <div
      ref={provided.innerRef}
      {...provided.draggableProps}
      {...provided.dragHandleProps}
      className={`old-card${selected ? ' selected' : ''}${dragging ? ' dragging' : ''}`}
      aria-pressed={selected}
      aria-label={t('pupils.old.aria', { name: `${pupil.prenom} ${pupil.nom}`, oldClass: pupil.classLabel, date: frenchDate(pupil.dateNaissance) })}
      title={`${pupil.nom} ${pupil.prenom} — ${details}`}
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
      <span className="muted small">{details}</span>
    </div>
  );
}

interface NewRowProps {
  pupil: NewPupil;
  link: Link | null;
  linkedOld: OldPupil | null;
  linkedProposal: Proposal | null;
  /** A proposal nobody decided yet (sure or to check): shown with its reasons, to confirm or refuse. */
  pending: { proposal: Proposal; old: OldPupil; reasons: string[] } | null;
  /** An old account is selected (keyboard association): the pupil button associates it. */
  hasSelection: boolean;
  /** The associated old account is the selected one. */
  linkedSelected: boolean;
  /** The pointer is over this row's slot during a drag. */
  over: boolean;
  /** The list mixes classes (search across classes): the row says the pupil's class. */
  showClass?: boolean;
  onAssociate: (newId: string) => void;
  onAccept: (oldId: string, newId: string) => void;
  onRefuse: (oldId: string, newId: string) => void;
  onUnlink: (newId: string) => void;
  onWhy: (newId: string) => void;
  onSelectOld: (oldId: string) => void;
}

/** Left: the new pupil (fixed). Middle: the old account associated with them, a drop target. */
export const NewPupilRow = memo(function NewPupilRow({ pupil, link, linkedOld, linkedProposal, pending, hasSelection, linkedSelected, over, showClass, onAssociate, onAccept, onRefuse, onUnlink, onWhy, onSelectOld }: NewRowProps) {
  const t = useT();
  const name = `${pupil.prenom} ${pupil.nom}`;
  const classe = pupil.classLabel || t('pupils.noClass');
  const details = `${showClass ? `${classe} · ` : ''}${pupil.niveau ?? '—'} · ${frenchDate(pupil.dateNaissance)}`;
  return (
    <div className={`new-row${pending ? ' review' : ''}${link ? ' linked' : ''}`} data-testid={`new-${pupil.id}`}>
      <button
        type="button"
        className="new-pupil"
        onClick={() => onAssociate(pupil.id)}
        disabled={!hasSelection}
        aria-label={
          hasSelection
            ? t('pupils.new.associate', { name })
            : showClass
              ? t('pupils.new.aria.class', { name, classe, date: frenchDate(pupil.dateNaissance) })
              : t('pupils.new.aria', { name, date: frenchDate(pupil.dateNaissance) })
        }
        title={`${pupil.nom} ${pupil.prenom} — ${details}`}
        data-testid={`target-${pupil.id}`}
      >
        <span className="name">
          {pupil.nom} {pupil.prenom}
        </span>
        <span className="muted small">{details}</span>
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
            ) : pending ? (
              <div className="slot-content proposal" data-testid={`review-${pupil.id}`}>
                <span className="proposal-name" title={`${pending.old.nom} ${pending.old.prenom} — ${pending.old.classLabel} · ${frenchDate(pending.old.dateNaissance)}`}>
                  <span className="name">
                    {pending.old.nom} {pending.old.prenom}
                  </span>
                  <span className="muted small">
                    {pending.old.classLabel} · {frenchDate(pending.old.dateNaissance)}
                  </span>
                </span>
                <div className="slot-meta">
                  <span className={`badge ${pending.proposal.status === 'auto' ? 'auto' : 'review'}`}>
                    {t(pending.proposal.status === 'auto' ? 'status.auto' : 'status.review')} · {formatScore(pending.proposal.score)}
                  </span>
                  <button type="button" className="link small" onClick={() => onWhy(pupil.id)} aria-label={t('pupils.why.aria', { name })}>
                    {t('pupils.why')}
                  </button>
                  <button type="button" className="small" onClick={() => onAccept(pending.old.id, pupil.id)} aria-label={t('pupils.accept.aria', { old: `${pending.old.prenom} ${pending.old.nom}`, name })}>
                    {t('pupils.accept')}
                  </button>
                  <button type="button" className="small secondary" onClick={() => onRefuse(pending.old.id, pupil.id)} aria-label={t('pupils.refuse.aria', { old: `${pending.old.prenom} ${pending.old.nom}`, name })}>
                    {t('pupils.refuse')}
                  </button>
                </div>
                {pending.reasons.length > 0 ? <span className="reasons small row-reasons" title={pending.reasons.join(' · ')} data-testid={`reasons-${pupil.id}`}>{pending.reasons.join(' · ')}</span> : null}
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
