import { useT } from '../../i18n';
import { Dialog } from '../../components/Dialog';
import { frenchDate } from '../../components/format';
import { reasonsOf, type PendingPair } from './model';

/**
 * A class's "Tout confirmer" / "Tout refuser": the pairs it will decide, by name with their reasons, before one
 * decision (undoable as one) settles them all.
 */
export function BulkDialog({ mode, classLabel, pairs, onConfirm, onClose }: { mode: 'accept' | 'refuse'; classLabel: string; pairs: PendingPair[]; onConfirm: () => void; onClose: () => void }) {
  const t = useT();
  const n = pairs.length;
  return (
    <Dialog titleId="bulk-title" title={t(mode === 'accept' ? 'bulk.accept.title' : 'bulk.refuse.title', { n, classe: classLabel })} onClose={onClose} testId="bulk-dialog">
      <p>{t(mode === 'accept' ? 'bulk.accept.text' : 'bulk.refuse.text')}</p>
      <ul className="bulk-pairs">
        {pairs.map((p) => {
          const reasons = reasonsOf(p.proposal);
          return (
            <li key={p.new.id} data-testid="bulk-pair">
              <span className="name">
                {p.old.prenom} {p.old.nom}
              </span>{' '}
              <span className="muted small">
                ({p.old.classLabel}, {frenchDate(p.old.dateNaissance)})
              </span>{' '}
              → <span className="name">{p.new.prenom} {p.new.nom}</span>{' '}
              <span className={`badge ${p.proposal.status === 'auto' ? 'auto' : 'review'}`}>{t(p.proposal.status === 'auto' ? 'status.auto' : 'status.review')}</span>
              {reasons.length > 0 ? <span className="reasons small block">{reasons.join(' · ')}</span> : null}
            </li>
          );
        })}
      </ul>
      <p className="hint">{t('bulk.undo')}</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={onClose}>
          {t('bulk.cancel')}
        </button>
        <button type="button" onClick={onConfirm} data-autofocus data-testid="bulk-confirm">
          {t(mode === 'accept' ? 'bulk.accept.do' : 'bulk.refuse.do', { n })}
        </button>
      </div>
    </Dialog>
  );
}
