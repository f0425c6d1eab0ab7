import { useEffect, useState } from 'react';
import { isMessageKey, useLocale, useT } from '../../i18n';
import { formatDateTime } from '../../components/format';
import { ProgressBar } from '../../components/ProgressBar';
import { useDiagnosticStore } from '../../store/diagnostic';
import { BatchView, ReviewView } from './BatchView';
import { viewForStep, wordEntry, type SupportView } from './model';
import { PupilsView } from './PupilsView';
import { SpacesView } from './SpacesView';

const VIEWS: SupportView[] = ['spaces', 'pupils', 'review', 'batch'];

/**
 * The school as it stood at the chosen step: what happened, its state, then the user's screens as they were —
 * spaces, pupils (with « Pourquoi ? »), the review by name, the batch as built — read-only, the step's decision marked.
 */
export function StepView({ total }: { total: number }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { step, busy } = useDiagnosticStore();
  const [view, setView] = useState<SupportView>('pupils');
  const key = step ? `${step.uai}:${step.index}` : '';
  // A step about pupils opens the pupils, one about a class's space the spaces; the others keep the screen chosen.
  useEffect(() => {
    if (!step) return;
    const wanted = viewForStep(step);
    if (wanted === 'pupils' || wanted === 'spaces' || !step.workspace) setView(wanted);
    // Only when the step changes (`key`): the screen chosen by hand stays for the steps that do not say.
  }, [key]);
  if (!step) return busy === 'step' ? <ProgressBar label={t('assist.step.loading')} /> : null;
  const phaseKey = `phase.${step.status.phase}`;
  const counts = step.status.counts;
  return (
    <section className="assist-step-view" aria-labelledby="assist-step-title" data-testid="assist-step" data-index={step.index}>
      <h4 id="assist-step-title" tabIndex={-1}>
        {t('assist.step.title', { n: step.index + 1, total, label: wordEntry(locale, step.entry) })}
      </h4>
      <p className="muted">
        {t('assist.step.at', { date: formatDateTime(step.entry.at, locale) })} — {t('assist.step.phase', { phase: isMessageKey(phaseKey) ? t(phaseKey) : step.status.phase })}
      </p>
      {counts ? (
        <p data-testid="assist-step-counts">{t('assist.step.counts', { linked: counts.linked, total: counts.newPupils, undecided: counts.undecided })}</p>
      ) : null}
      {busy === 'step' ? <ProgressBar label={t('assist.step.loading')} /> : null}
      <nav className="class-tabs assist-views" aria-label={t('assist.view.label')}>
        {VIEWS.map((v) => (
          <button key={v} type="button" className={`tab${v === view ? ' current' : ''}`} aria-pressed={v === view} onClick={() => setView(v)} data-testid={`assist-view-${v}`}>
            {t(`assist.view.${v}`)}
          </button>
        ))}
      </nav>
      {view === 'batch' || !step.workspace ? (
        <BatchView step={step} />
      ) : view === 'spaces' ? (
        <SpacesView workspace={step.workspace} focusClass={step.focus.classId} stepKey={key} />
      ) : view === 'pupils' ? (
        <PupilsView workspace={step.workspace} focus={step.focus} stepKey={key} />
      ) : (
        <ReviewView step={step} />
      )}
    </section>
  );
}
