import { MERGE_STEPS } from '../../src-shared/api/merge';
import { useT, type MessageKey } from '../i18n';
import { ErrorAlert, Notice } from '../components/Alert';
import { ProgressBar } from '../components/ProgressBar';
import { useSchoolStore } from '../store/school';
import { ReceiptLinks } from './Receipt';

/** Screen 7: the migration step by step, then what happens next (letters, teachers, parents). */
export function Progress() {
  const t = useT();
  const { status, outcome, progress, busy, error, notice, follow, loadLetters, clearError } = useSchoolStore();
  const merge = outcome && outcome.outcome !== 'rebased' ? outcome.merge : null;
  const live = progress.merge;
  const done = status?.phase === 'merged' || outcome?.outcome === 'done';
  const failed = status?.phase === 'failed' || outcome?.outcome === 'failed';
  const currentIndex = live ? MERGE_STEPS.indexOf(live.step as (typeof MERGE_STEPS)[number]) : -1;
  const stepState = (name: (typeof MERGE_STEPS)[number], index: number): 'done' | 'running' | 'pending' => {
    const fromMerge = merge?.steps.find((s) => s.name === name)?.status;
    if (done) return 'done';
    if (fromMerge && !live) return fromMerge;
    if (currentIndex < 0) return 'pending';
    return index < currentIndex ? 'done' : index === currentIndex ? 'running' : 'pending';
  };
  return (
    <main className="card" aria-labelledby="progress-title">
      <h2 id="progress-title">{done ? t('progress.done.title') : failed ? t('progress.failed.title') : t('progress.title')}</h2>
      <ErrorAlert error={error} onClose={clearError} />
      {!done && !failed ? (
        <>
          <p>{t('progress.intro')}</p>
          <ProgressBar label={live?.label ?? t('progress.waiting')} done={live?.done} total={live?.total} testId="merge-progress" />
        </>
      ) : null}
      <ol className="steps" aria-label={t('progress.steps')}>
        {MERGE_STEPS.map((name, i) => {
          const state = stepState(name, i);
          return (
            <li key={name} className={`step ${state}`} data-testid={`step-${name}`}>
              <span className="step-mark" aria-hidden="true">{state === 'done' ? '✓' : state === 'running' ? '…' : '○'}</span> {t(`step.${name}` as MessageKey)}{' '}
              <span className="visually-hidden">({t(`state.${state}` as MessageKey)})</span>
            </li>
          );
        })}
      </ol>
      {failed ? (
        <div className="alert alert-error" role="alert">
          <p>{t('progress.failed.text')}</p>
          <button type="button" onClick={() => void follow()} disabled={busy !== null}>
            {t('progress.failed.retry')}
          </button>
        </div>
      ) : null}
      <section className="section" aria-labelledby="receipt-links-title">
        <h3 id="receipt-links-title">{t('receipt.links.title')}</h3>
        <ReceiptLinks />
      </section>
      {!done && !failed && busy !== 'follow' ? (
        <button type="button" className="secondary" onClick={() => void follow()}>
          {t('progress.resume')}
        </button>
      ) : null}
      {done ? (
        <>
          <Notice testId="merge-done">{t('progress.done.text')}</Notice>
          {notice === 'letters-forgotten' ? <Notice testId="letters-forgotten">{t('letters.forgotten')}</Notice> : null}
          <section className="section" aria-labelledby="letters-title">
            <h3 id="letters-title">{t('progress.letters.title')}</h3>
            <p>{t('progress.letters.text')}</p>
            <button type="button" onClick={() => void loadLetters()} disabled={busy !== null} data-testid="open-letters">
              {t('progress.letters.open')}
            </button>
          </section>
          <section className="section" aria-labelledby="next-title">
            <h3 id="next-title">{t('progress.next.title')}</h3>
            <ul>
              <li>{t('progress.next.teachers')}</li>
              <li>{t('progress.next.parents')}</li>
              <li>{t('progress.next.pupils')}</li>
            </ul>
          </section>
        </>
      ) : null}
    </main>
  );
}
