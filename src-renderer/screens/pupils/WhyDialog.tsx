import { useEffect, useRef } from 'react';
import type { Proposal } from '../../../src-shared/domain/matching';
import { useT, type MessageKey } from '../../i18n';
import { formatScore } from '../../components/format';
import type { NewPupil, OldPupil } from './model';

/** "Pourquoi ?": the evidence behind a proposal, field by field, with what each contributed to the score. */
export function WhyDialog({ newPupil, oldPupil, proposal, manual, optedOut, onOptOut, onClose }: { newPupil: NewPupil; oldPupil: OldPupil | null; proposal: Proposal | null; manual: boolean; optedOut: boolean; onOptOut: ((optedOut: boolean) => void) | null; onClose: () => void }) {
  const t = useT();
  const closeRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    opener.current = document.activeElement;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (opener.current instanceof HTMLElement) opener.current.focus();
    };
  }, [onClose]);
  return (
    <div className="overlay">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="why-title" data-testid="why-dialog">
        <h3 id="why-title">{t('why.title', { name: `${newPupil.prenom} ${newPupil.nom}` })}</h3>
        {oldPupil ? (
          <p>
            {t('why.pair', { old: `${oldPupil.prenom} ${oldPupil.nom}`, oldClass: oldPupil.classLabel })}
            {proposal ? ` — ${t('why.score', { score: formatScore(proposal.score) })} (${t(proposal.status === 'auto' ? 'status.auto' : 'status.review')})` : ''}
          </p>
        ) : null}
        {proposal ? (
          <ul className="evidence">
            {proposal.evidence.map((e, i) => (
              <li key={i} className={e.weight > 0 ? 'for' : e.weight < 0 ? 'against' : ''}>
                <strong>{t(`field.${e.field}` as MessageKey)}</strong> — {e.detail}{' '}
                <span className="weight">({e.weight > 0 ? '+' : ''}{formatScore(e.weight)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{manual ? t('why.manual') : t('why.none')}</p>
        )}
        {onOptOut ? (
          <label className="checkbox">
            <input type="checkbox" checked={optedOut} onChange={(e) => onOptOut(e.target.checked)} />
            {t('why.optOut')}
          </label>
        ) : null}
        <button type="button" ref={closeRef} onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}
