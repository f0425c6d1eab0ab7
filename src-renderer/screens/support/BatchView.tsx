import { useMemo } from 'react';
import type { DiagnosticStep } from '../../../src-shared/rpc/diagnostic';
import { useT } from '../../i18n';
import { NamedWarnings, ReviewByName, useAppName } from '../../components/ReviewByName';

/** The review by name as the director would have read it at this step (the same component as the review screen). */
export function ReviewView({ step }: { step: DiagnosticStep }) {
  const t = useT();
  const review = step.preview?.review;
  // An old account still in an undecided pair is listed with that pair (as on the review screen).
  const byName = useMemo(() => {
    if (!review) return null;
    const pending = new Set(review.undecided.map((u) => u.old.id));
    return { ...review, notFollowing: review.notFollowing.filter((p) => !pending.has(p.id)) };
  }, [review]);
  if (!byName) return <p>{t('assist.review.none')}</p>;
  return (
    <div className="assist-review" data-testid="assist-review">
      {byName.undecided.length > 0 ? <p className="alert alert-warning">{t('assist.review.undecided', { n: byName.undecided.length })}</p> : null}
      <NamedWarnings warnings={byName.warnings} />
      <ReviewByName review={byName} schoolSpaceApps={step.batch ? (step.batch.schoolSpace?.apps ?? null) : undefined} />
    </div>
  );
}

/** The batch as the core would have built it at this step: its counts, a readable list, and the JSON itself. */
export function BatchView({ step }: { step: DiagnosticStep }) {
  const t = useT();
  const appName = useAppName();
  const batch = step.batch;
  const ws = step.workspace;
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const p of [...(ws?.newRoster.pupils ?? []), ...(ws?.oldRoster.pupils ?? [])]) map.set(p.id, `${p.nom} ${p.prenom}`);
    return map;
  }, [ws]);
  const classes = useMemo(() => new Map([...(ws?.newRoster.classes ?? []), ...(ws?.oldRoster.classes ?? [])].map((c) => [c.id, c.label])), [ws]);
  const oldClassOf = useMemo(() => new Map((ws?.oldRoster.pupils ?? []).map((p) => [p.id, p.classLabel])), [ws]);
  if (!batch) return <p>{t('assist.batch.none')}</p>;
  const recovered = batch.classes.filter((c) => c.action === 'recover');
  const skipped = batch.classes.length - recovered.length;
  return (
    <div className="assist-batch" data-testid="assist-batch">
      <p data-testid="assist-batch-counts">
        <strong>{t('assist.batch.counts', { pupils: batch.pupils.length, classes: recovered.length, skipped })}</strong>
      </p>
      <p>{batch.schoolSpace ? t('assist.batch.school', { apps: batch.schoolSpace.apps.map(appName).join(', ') || '—' }) : t('assist.batch.school.none')}</p>
      <p>{t('assist.batch.personal', { apps: batch.personalApps.map(appName).join(', ') || '—' })}</p>
      <details>
        <summary>{t('assist.batch.classes')}</summary>
        <ul className="names wide">
          {batch.classes.map((c) => (
            <li key={c.oldClassId}>
              {classes.get(c.oldClassId) ?? c.oldClassId} →{' '}
              {c.action === 'recover' ? `${classes.get(c.newClassId) ?? c.newClassId} (${c.apps.map(appName).join(', ') || '—'})` : t('assist.spaces.skipped')}
            </li>
          ))}
        </ul>
      </details>
      <details>
        <summary>
          {t('assist.batch.pupils')} ({batch.pupils.length})
        </summary>
        <ul className="names wide" data-testid="assist-batch-pupils">
          {batch.pupils.map((p) => (
            <li key={p.oldPupilId}>
              {names.get(p.oldPupilId) ?? p.oldPupilId} <span className="muted small">({oldClassOf.get(p.oldPupilId) ?? '—'})</span> → {names.get(p.newPupilId) ?? p.newPupilId}
            </li>
          ))}
        </ul>
      </details>
      <details>
        <summary>{t('assist.batch.json')}</summary>
        <pre className="assist-json" data-testid="assist-batch-json" tabIndex={0}>
          {JSON.stringify(batch, null, 2)}
        </pre>
      </details>
    </div>
  );
}
