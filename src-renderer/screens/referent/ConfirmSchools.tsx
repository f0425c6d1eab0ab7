import { useState } from 'react';
import { useT } from '../../i18n';
import { Dialog } from '../../components/Dialog';
import { useReferentStore } from '../../store/referent';
import { confirmationTyped, type BoardRow } from './model';

/**
 * « Confirmer les écoles prêtes »: the schools by name, then ONE typed confirmation (the number of schools, or
 * CONFIRMER) freezes each school's own batch.
 */
export function ConfirmSchools({ rows, onClose }: { rows: readonly BoardRow[]; onClose: () => void }) {
  const t = useT();
  const busy = useReferentStore((s) => s.busy);
  const [typed, setTyped] = useState('');
  const n = rows.length;
  const ok = confirmationTyped(typed, n);
  const confirm = () => {
    if (!ok) return;
    void useReferentStore
      .getState()
      .confirmMany(rows.map((r) => r.uai))
      .then(onClose);
  };
  return (
    <Dialog titleId="confirm-many-title" title={t('confirmMany.title', { n })} onClose={onClose} testId="confirm-many-dialog">
      <p>{t('confirmMany.text')}</p>
      <ul className="bulk-pairs" data-testid="confirm-many-list">
        {rows.map((r) => (
          <li key={r.uai}>
            <span className="name">{r.name}</span> <span className="muted small">({r.uai})</span>{' '}
            {r.counts ? <span className="small">{t('confirmMany.counts', { linked: r.counts.linked, pupils: r.counts.newPupils })}</span> : null}
          </li>
        ))}
      </ul>
      <p className="warning">{t('confirmMany.irreversible')}</p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          confirm();
        }}
      >
        <label htmlFor="confirm-many-typed">{t('confirmMany.type', { n })}</label>
        <input id="confirm-many-typed" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" data-autofocus />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('bulk.cancel')}
          </button>
          <button type="submit" disabled={!ok || busy !== null} data-testid="confirm-many-do">
            {t('confirmMany.do', { n })}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
