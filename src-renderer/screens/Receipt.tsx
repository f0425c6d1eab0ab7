import { allows } from '../../src-shared/domain/school-lifecycle';
import type { BatchReceipt } from '../../src-shared/rpc/core';
import { useT, useLocale, type MessageKey } from '../i18n';
import { ErrorAlert } from '../components/Alert';
import { saveTextFile } from '../components/download';
import { formatDateTime } from '../components/format';
import { useAppName, NamedWarnings, ReviewByName } from '../components/ReviewByName';
import { stepForPhase, useSchoolStore } from '../store/school';

const STATES: Record<BatchReceipt['state'], MessageKey> = {
  confirmed: 'receipt.state.confirmed',
  sent: 'receipt.state.sent',
  accepted: 'receipt.state.accepted',
  merged: 'receipt.state.merged',
  refused: 'receipt.state.refused',
};

/** "Voir et imprimer le récapitulatif" and "Télécharger le récapitulatif (CSV)": on the sending, progress and letters screens, in the phases the lifecycle rule book allows a receipt. */
export function ReceiptLinks() {
  const t = useT();
  const { busy, status, showReceipt, fetchReceipt } = useSchoolStore();
  if (!status || !allows(status.phase, 'receipt')) return null;
  const download = async () => {
    const receipt = await fetchReceipt();
    if (receipt) saveTextFile(receipt.csv, `recapitulatif-${receipt.uai}.csv`);
  };
  return (
    <div className="receipt-links no-print" data-testid="receipt-links">
      <p>{t('receipt.links.text')}</p>
      <div className="actions start">
        <button type="button" className="secondary" onClick={() => void showReceipt()} disabled={busy !== null}>
          {t('receipt.open')}
        </button>
        <button type="button" className="secondary" onClick={() => void download()} disabled={busy !== null} data-testid="receipt-csv">
          {t('receipt.csv')}
        </button>
      </div>
    </div>
  );
}

/** The receipt: what was confirmed and sent, by name, ready to print (the app's chrome is hidden on paper). */
export function Receipt() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const appName = useAppName();
  const { receipt, status, error, go, clearError } = useSchoolStore();
  if (!receipt) return null;
  const c = receipt.counts;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, locale) : '—');
  return (
    <main className="card receipt" aria-labelledby="receipt-title" data-testid="receipt">
      <h2 id="receipt-title">{t('receipt.title', { school: receipt.schoolName })}</h2>
      <div className="actions start no-print">
        <button type="button" className="secondary" onClick={() => go(stepForPhase(status?.phase ?? 'merged'))}>
          {t('common.back')}
        </button>
        <button type="button" onClick={() => window.print()} data-testid="receipt-print">
          {t('receipt.print')}
        </button>
        <button type="button" className="secondary" onClick={() => saveTextFile(receipt.csv, `recapitulatif-${receipt.uai}.csv`)} data-testid="receipt-csv">
          {t('receipt.csv')}
        </button>
      </div>
      <ErrorAlert error={error} onClose={clearError} />
      <dl className="receipt-facts">
        <dt>{t('receipt.uai')}</dt>
        <dd>{receipt.uai}</dd>
        <dt>{t('receipt.state')}</dt>
        <dd data-testid="receipt-state">{t(STATES[receipt.state])}</dd>
        <dt>{t('receipt.confirmedAt')}</dt>
        <dd>{when(receipt.confirmedAt)}</dd>
        <dt>{t('receipt.acceptedAt')}</dt>
        <dd>{when(receipt.acceptedAt)}</dd>
        <dt>{t('receipt.finishedAt')}</dt>
        <dd>{when(receipt.finishedAt)}</dd>
        <dt>{t('receipt.mergeId')}</dt>
        <dd className="mono">{receipt.mergeId ?? '—'}</dd>
        <dt>{t('receipt.key')}</dt>
        <dd className="mono">{receipt.idempotencyKey}</dd>
      </dl>
      <ul className="summary" data-testid="receipt-counts">
        <li>{t('review.count.linked', { n: c.linked, total: c.newPupils })}</li>
        <li>{t('review.count.fresh', { n: c.newWithoutOld })}</li>
        <li>{t('review.count.leaving', { n: c.oldNotFollowing })}</li>
        {c.optedOut > 0 ? <li>{t('review.count.optedOut', { n: c.optedOut })}</li> : null}
        <li>{t('review.count.classes', { n: c.classesRecovered, skipped: c.classesSkipped })}</li>
        <li>{t('receipt.personal', { apps: receipt.personalApps.map(appName).join(', ') || '—' })}</li>
      </ul>
      <NamedWarnings warnings={receipt.review.warnings} />
      <ReviewByName review={receipt.review} schoolSpaceApps={receipt.schoolSpaceApps} />
    </main>
  );
}
