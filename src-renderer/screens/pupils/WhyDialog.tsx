import { REVIEW_REASON_KIND_PREFIX, type Proposal } from '../../../src-shared/domain/matching';
import { useT, type MessageKey } from '../../i18n';
import { Dialog } from '../../components/Dialog';
import { formatScore } from '../../components/format';
import { reasonsOf, type NewPupil, type OldPupil } from './model';

interface WhyProps {
  newPupil: NewPupil;
  oldPupil: OldPupil | null;
  proposal: Proposal | null;
  manual: boolean;
  optedOut: boolean;
  onOptOut: ((optedOut: boolean) => void) | null;
  /** The proposal is still undecided: it can be confirmed or refused from here. */
  onDecide: ((accept: boolean) => void) | null;
  onClose: () => void;
}

/**
 * "Pourquoi ?": what a person must check first (the pair's review reasons, in plain French), then the evidence
 * field by field with what each contributed to the score.
 */
export function WhyDialog({ newPupil, oldPupil, proposal, manual, optedOut, onOptOut, onDecide, onClose }: WhyProps) {
  const t = useT();
  const reasons = proposal ? reasonsOf(proposal) : [];
  const evidence = proposal ? proposal.evidence.filter((e) => !e.kind.startsWith(REVIEW_REASON_KIND_PREFIX)) : [];
  const name = `${newPupil.prenom} ${newPupil.nom}`;
  return (
    <Dialog titleId="why-title" title={t('why.title', { name })} onClose={onClose} testId="why-dialog">
      {oldPupil ? (
        <p>
          {t('why.pair', { old: `${oldPupil.prenom} ${oldPupil.nom}`, oldClass: oldPupil.classLabel })}
          {proposal ? ` — ${t('why.score', { score: formatScore(proposal.score) })} (${t(proposal.status === 'auto' ? 'status.auto' : 'status.review')})` : ''}
        </p>
      ) : null}
      {reasons.length > 0 ? (
        <div className="alert alert-warning">
          <h4>{t('why.reasons')}</h4>
          <ul className="reasons-list" data-testid="why-reasons">
            {reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {proposal ? (
        <ul className="evidence">
          {evidence.map((e, i) => (
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
      <div className="actions">
        {onDecide && oldPupil ? (
          <>
            <button type="button" onClick={() => onDecide(true)} aria-label={t('pupils.accept.aria', { old: `${oldPupil.prenom} ${oldPupil.nom}`, name })}>
              {t('pupils.accept')}
            </button>
            <button type="button" className="secondary" onClick={() => onDecide(false)} aria-label={t('pupils.refuse.aria', { old: `${oldPupil.prenom} ${oldPupil.nom}`, name })}>
              {t('pupils.refuse')}
            </button>
          </>
        ) : null}
        <button type="button" className="secondary" onClick={onClose} data-autofocus>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
