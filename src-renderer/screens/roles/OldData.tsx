import { useEffect, useRef, useState } from 'react';
import { SPACE_APPS, type SpaceApp } from '../../../src-shared/api/common';
import type { MovedClassSpace } from '../../../src-shared/api/staff';
import { useLocale, useT } from '../../i18n';
import { ErrorAlert, Notice } from '../../components/Alert';
import { formatDateTime } from '../../components/format';
import { ProgressBar } from '../../components/ProgressBar';
import { useRolesStore, type OldDataStatus } from '../../store/roles';
import { PersonalStep } from './PersonalData';
import { ProveOldAccount, ProvenAccount } from './ProveOldAccount';
import { appNames, movedText } from './text';

type ClassSpaces = NonNullable<OldDataStatus['classSpaces']>;
type OldClass = NonNullable<ClassSpaces['old']>[number];
interface Choice { target: string; apps: SpaceApp[]; skip: boolean }

type T = ReturnType<typeof useT>;

/** How far the school's merge that carries a class space is: coming, arriving (its class spaces step done), arrived. */
function progressText(t: T, locale: 'fr' | 'en', moved: MovedClassSpace): string {
  const m = moved.merge;
  if (!m) return '';
  if (m.status === 'done') return t('roles.old.merge.done', { date: formatDateTime(m.finishedAt ?? moved.at, locale) });
  if (m.status === 'failed') return t('roles.old.merge.failed');
  if (m.status === 'accepted') return t('roles.old.merge.accepted');
  if (m.progress.total > 0 && m.progress.done >= m.progress.total) return t('roles.old.merge.arrived');
  return t('roles.old.merge.running', { percent: m.progress.total ? Math.round((m.progress.done / m.progress.total) * 100) : 0 });
}

/** One old class space that moved (or is moving) into a class of this year, and how far the school's merge is. */
function MovedLine({ moved }: { moved: MovedClassSpace }) {
  const t = useT();
  const { locale } = useLocale();
  const base = { newLabel: moved.newLabel, oldLabel: moved.oldLabel, school: moved.oldSchoolName, apps: appNames(t, moved.apps, locale) };
  const sentence =
    moved.by === 'school' ? t('roles.old.incoming.school', { ...base, who: moved.merge?.acceptedByName || t('roles.old.direction') }) : t(moved.mine ? 'roles.old.incoming.mine' : 'roles.old.incoming.teacher', base);
  const progress = progressText(t, locale, moved);
  return (
    <li data-testid={`incoming-${moved.oldClassId}`}>
      {sentence} {progress ? <strong>{progress}</strong> : null}
    </li>
  );
}

/** What became of an old class space that is no longer to choose. */
function OldClassState({ old }: { old: OldClass }) {
  const t = useT();
  const { locale } = useLocale();
  const to = old.movedTo;
  const text =
    old.state === 'school' && to
      ? t('roles.old.class.state.school', { newLabel: to.newLabel, apps: appNames(t, to.apps, locale) })
      : old.state === 'mine' && to
        ? t('roles.old.class.state.mine', { newLabel: to.newLabel, apps: appNames(t, to.apps, locale) })
        : t('roles.old.class.state.other');
  return (
    <li className="class-card" data-testid={`old-space-${old.id}`} data-state={old.state}>
      <h4>{t('roles.old.class.heading', { label: old.label, school: old.schoolName })}</h4>
      <p>
        {text}{' '}
        {to?.merge ? <strong>{progressText(t, locale, to)}</strong> : null}
      </p>
      {to?.by === 'school' ? <p className="muted small">{t('roles.old.class.by', { who: to.merge?.acceptedByName || t('roles.old.direction') })}</p> : null}
    </li>
  );
}

/** The form of the old classes still to choose, then the check before the final answer (with a way back). */
function ClassSpacesForm({ available, targets }: { available: OldClass[]; targets: ClassSpaces['targets'] }) {
  const t = useT();
  const { locale } = useLocale();
  const { busy, recoverClassSpaces } = useRolesStore();
  const [choices, setChoices] = useState<Record<string, Choice>>(() =>
    Object.fromEntries(available.map((o) => [o.id, { target: targets[0]?.id ?? '', apps: [...SPACE_APPS], skip: false }])),
  );
  const [step, setStep] = useState<'form' | 'check'>('form');
  const checkTitle = useRef<HTMLHeadingElement>(null);
  const formTitle = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    (step === 'check' ? checkTitle : formTitle).current?.focus();
  }, [step]);
  const go = (next: 'form' | 'check') => {
    moved.current = true;
    setStep(next);
  };
  const update = (id: string, patch: Partial<Choice>) => setChoices({ ...choices, [id]: { ...(choices[id] ?? { target: '', apps: [], skip: false }), ...patch } });
  const labelOf = (id: string) => targets.find((x) => x.id === id)?.label ?? id;
  const incomplete = available.some((o) => !choices[o.id]?.skip && (choices[o.id]?.apps.length ?? 0) === 0);

  if (step === 'check') {
    return (
      <section aria-labelledby="check-title" className="section" data-testid="class-check">
        <h3 id="check-title" ref={checkTitle} tabIndex={-1}>
          {t('roles.old.check.title')}
        </h3>
        <ul>
          {available.map((o) => {
            const c = choices[o.id];
            return (
              <li key={o.id} data-testid={`check-${o.id}`}>
                {!c || c.skip ? t('roles.old.check.skip', { oldLabel: o.label }) : t('roles.old.check.recover', { oldLabel: o.label, newLabel: labelOf(c.target), apps: appNames(t, c.apps, locale) })}
              </li>
            );
          })}
        </ul>
        <p className="warning" id="class-final">
          <strong>{t('review.irreversible.title')}</strong> {t('roles.old.check.final')}
        </p>
        <div className="actions start">
          <button type="button" className="secondary" onClick={() => go('form')} disabled={busy !== null}>
            {t('common.back')}
          </button>
          <button
            type="button"
            aria-describedby="class-final"
            disabled={busy !== null}
            onClick={() =>
              void recoverClassSpaces({
                classes: available.map((o) => {
                  const c = choices[o.id];
                  return !c || c.skip ? { action: 'skip' as const, oldClassId: o.id } : { action: 'recover' as const, oldClassId: o.id, newClassId: c.target, apps: c.apps };
                }),
              })
            }
          >
            {t('roles.old.confirm')}
          </button>
        </div>
        {busy === 'classes' ? <ProgressBar label={t('roles.old.busy')} /> : null}
      </section>
    );
  }
  return (
    <section aria-labelledby="classes-title" className="section">
      <h3 id="classes-title" ref={formTitle} tabIndex={-1}>
        {t('roles.old.classes.title')}
      </h3>
      <p>{t('roles.old.classes.intro')}</p>
      <ul className="class-cards">
        {available.map((o) => {
          const c = choices[o.id] ?? { target: targets[0]?.id ?? '', apps: [], skip: false };
          const selectId = `target-${o.id}`;
          return (
            <li key={o.id} className="class-card" data-testid={`old-space-${o.id}`} data-state="available">
              <h4>{t('roles.old.class.heading', { label: o.label, school: o.schoolName })}</h4>
              {targets.length > 1 ? (
                <>
                  <label htmlFor={selectId}>{t('roles.old.class.target')}</label>
                  <select id={selectId} value={c.target} disabled={c.skip} onChange={(e) => update(o.id, { target: e.target.value })}>
                    {targets.map((x) => (
                      <option key={x.id} value={x.id}>
                        {x.label}
                      </option>
                    ))}
                  </select>
                </>
              ) : (
                <p>
                  {t('roles.old.class.target')} : <strong>{labelOf(c.target)}</strong>
                </p>
              )}
              <label className="checkbox">
                <input type="checkbox" checked={c.skip} onChange={(e) => update(o.id, { skip: e.target.checked })} />
                {t('roles.old.class.skip')}
              </label>
              <fieldset className="apps" disabled={c.skip}>
                <legend>{t('roles.old.class.apps')}</legend>
                {SPACE_APPS.map((app) => (
                  <label key={app} className="checkbox" htmlFor={`old-app-${o.id}-${app}`}>
                    <input
                      id={`old-app-${o.id}-${app}`}
                      type="checkbox"
                      checked={c.apps.includes(app)}
                      onChange={(e) => update(o.id, { apps: e.target.checked ? SPACE_APPS.filter((a) => a === app || c.apps.includes(a)) : c.apps.filter((a) => a !== app) })}
                    />
                    {appNames(t, [app], locale)} <span className="muted">({t('roles.items', { n: o.apps[app] ?? 0 })})</span>
                  </label>
                ))}
              </fieldset>
            </li>
          );
        })}
      </ul>
      <div className="actions start">
        <button type="button" onClick={() => go('check')} disabled={incomplete || busy !== null}>
          {t('roles.old.continue')}
        </button>
      </div>
    </section>
  );
}

/**
 * « Mes anciennes données » of a teacher: what came into their class (the school's batch, or themselves), their
 * old account proven, their old class spaces chosen per app (or « Je ne souhaite pas… »), checked with a way back,
 * then their personal data.
 */
export function OldData() {
  const t = useT();
  const { locale } = useLocale();
  const { status, busy, error, classResult, loadStatus, open, clearError } = useRolesStore();
  useEffect(() => {
    void loadStatus();
  }, [loadStatus]);
  const spaces = status?.classSpaces ?? null;
  const old = spaces?.old ?? null;
  const available = old?.filter((o) => o.state === 'available') ?? [];
  const settled = spaces !== null && old !== null && (spaces.answer !== null || available.length === 0);
  const done = settled && status?.personal.claim !== null && status?.personal.claim !== undefined;
  return (
    <main className="card" aria-labelledby="old-title">
      <h2 id="old-title">{t('roles.old.title')}</h2>
      <p>{t('roles.old.intro')}</p>
      {!status && busy === 'status' ? <ProgressBar label={t('loading')} /> : null}
      {spaces && spaces.incoming.length > 0 ? (
        <section aria-labelledby="incoming-title" className="section" data-testid="incoming">
          <h3 id="incoming-title">{t('roles.old.incoming.title')}</h3>
          <ul>
            {spaces.incoming.map((m) => (
              <MovedLine key={m.oldClassId} moved={m} />
            ))}
          </ul>
        </section>
      ) : null}
      {spaces && spaces.targets.length === 0 ? (
        <p className="alert alert-warning" data-testid="needs-class">
          {t('roles.old.needs-class')}{' '}
          <button type="button" className="link" onClick={() => open('my-class')}>
            {t('roles.old.go-class')}
          </button>
        </p>
      ) : null}
      {status && !status.proven && !done ? <ProveOldAccount /> : null}
      {status?.proven && spaces && old ? (
        <>
          <ProvenAccount canChange={spaces.answer === null && status.personal.claim === null} />
          {classResult
            ? classResult.moved.map((m) => {
                const text = movedText(t, m.moved, locale);
                return (
                  <Notice key={m.oldClassId} testId="classes-moved">
                    {t('roles.old.moved', { list: text.text, n: text.n, newLabel: spaces.targets.find((x) => x.id === m.newClassId)?.label ?? m.newClassId })}
                  </Notice>
                );
              })
            : null}
          {spaces.answer ? <p data-testid="classes-answered">{t(spaces.answer.decision === 'recovered' ? 'roles.old.answered.recovered' : 'roles.old.answered.declined')}</p> : null}
          {old.length === 0 ? <p className="muted">{t('roles.old.no-classes')}</p> : null}
          {old.some((o) => o.state !== 'available') ? (
            <ul className="class-cards">
              {old
                .filter((o) => o.state !== 'available')
                .map((o) => (
                  <OldClassState key={o.id} old={o} />
                ))}
            </ul>
          ) : null}
          {!spaces.answer && available.length > 0 && spaces.targets.length > 0 ? <ClassSpacesForm key={status.proven.oldAccount.login} available={available} targets={spaces.targets} /> : null}
          {!spaces.answer && available.length === 0 && old.length > 0 ? <p className="muted">{t('roles.old.none-available')}</p> : null}
          {settled ? <PersonalStep showProven={false} /> : null}
        </>
      ) : null}
      {done ? <Notice testId="old-done">{t('roles.old.done')}</Notice> : null}
      <ErrorAlert error={error} onClose={clearError} />
    </main>
  );
}
