import { useMemo } from 'react';
import { PERSONAL_APPS, SPACE_APPS } from '../../src-shared/api/common';
import { useLocale, useT, type MessageKey } from '../i18n';
import { formatDateTime } from '../components/format';
import { ErrorAlert } from '../components/Alert';
import { useSchoolStore } from '../store/school';
import type { Workspace } from '../store/links';

type OldClass = Workspace['oldRoster']['classes'][number];

/** The new class an old class's space goes to: the director's choice, else the best proposal (as the batch does). */
export function mappedClass(ws: Workspace, oldClassId: string): { newClassId: string | null; explicit: boolean } {
  const explicit = ws.classMap.find((c) => c.oldClassId === oldClassId);
  if (explicit) return { newClassId: explicit.newClassId, explicit: true };
  let best: { newClassId: string; share: number } | null = null;
  for (const p of ws.matching.classMappings) if (p.oldClassId === oldClassId && (!best || p.share > best.share)) best = p;
  return { newClassId: best?.newClassId ?? null, explicit: false };
}

function chosenApps(ws: Workspace, target: 'school-space' | 'class-spaces' | 'personal', all: readonly string[]): string[] {
  return ws.apps.find((a) => a.target === target)?.appIds ?? [...all];
}

function AppChecks({ legend, apps, counts, chosen, disabled, onChange, idPrefix }: { legend: string; apps: readonly string[]; counts: Record<string, number>; chosen: string[]; disabled?: boolean; onChange: (next: string[]) => void; idPrefix: string }) {
  const t = useT();
  return (
    <fieldset className="apps" disabled={disabled}>
      <legend>{legend}</legend>
      {apps.map((app) => (
        <label key={app} className="checkbox" htmlFor={`${idPrefix}-${app}`}>
          <input
            id={`${idPrefix}-${app}`}
            type="checkbox"
            checked={chosen.includes(app)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, app] : chosen.filter((a) => a !== app))}
          />
          {t(`app.${app}` as MessageKey)} <span className="muted">({t('spaces.items', { n: counts[app] ?? 0 })})</span>
        </label>
      ))}
    </fieldset>
  );
}

/** Screen 4: the school space (when the old account may recover it), each old class → a new class, which apps follow. */
export function Spaces() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { workspace: ws, error, decide, go, clearError } = useSchoolStore();
  const teachers = useMemo(() => new Map((ws?.oldRoster.teachers ?? []).map((te) => [te.id, `${te.prenom} ${te.nom}`])), [ws]);
  if (!ws) return null;
  const classApps = (c: OldClass): string[] => ws.classApps.find((x) => x.oldClassId === c.id)?.appIds ?? chosenApps(ws, 'class-spaces', SPACE_APPS);
  const personalCounts: Record<string, number> = {};
  for (const p of ws.oldRoster.pupils) for (const [app, n] of Object.entries(p.personalData)) personalCounts[app] = (personalCounts[app] ?? 0) + n;
  return (
    <main className="card" aria-labelledby="spaces-title">
      <h2 id="spaces-title">{t('spaces.title')}</h2>
      <p>{t('spaces.intro')}</p>
      <ErrorAlert error={error} onClose={clearError} />
      <section aria-labelledby="school-space-title" className="section">
        <h3 id="school-space-title">{t('spaces.school.title')}</h3>
        {ws.oldRoster.schoolSpace ? (
          <AppChecks
            legend={t('spaces.school.legend')}
            apps={SPACE_APPS}
            counts={ws.oldRoster.schoolSpace.apps}
            chosen={chosenApps(ws, 'school-space', SPACE_APPS)}
            onChange={(appIds) => void decide({ kind: 'choose-apps', target: 'school-space', appIds })}
            idPrefix="school-app"
          />
        ) : (
          <p className="muted" data-testid="school-space-unavailable">{t('spaces.school.unavailable')}</p>
        )}
      </section>
      <section aria-labelledby="classes-title" className="section">
        <h3 id="classes-title">{t('spaces.classes.title')}</h3>
        <p>{t('spaces.classes.intro')}</p>
        <ul className="class-cards">
          {ws.oldRoster.classes.map((c) => {
            // Its teacher already took it into their own class (first wins): nothing to choose here any more.
            if (c.takenByTeacher) {
              return (
                <li key={c.id} className="class-card" data-testid={`old-class-${c.id}`}>
                  <h4>
                    {c.label} <span className="muted">— {c.teacherIds.map((id) => teachers.get(id)).filter(Boolean).join(', ')}</span>
                  </h4>
                  <p className="notice" data-testid={`taken-${c.id}`}>
                    {t('spaces.class.taken', { label: c.takenByTeacher.newClassLabel, when: formatDateTime(c.takenByTeacher.at, locale) })}
                  </p>
                </li>
              );
            }
            const { newClassId } = mappedClass(ws, c.id);
            const proposal = ws.matching.classMappings.filter((p) => p.oldClassId === c.id).sort((a, b) => b.share - a.share)[0];
            const skipped = newClassId === null;
            const selectId = `map-${c.id}`;
            return (
              <li key={c.id} className="class-card" data-testid={`old-class-${c.id}`}>
                <h4>
                  {c.label} <span className="muted">— {c.teacherIds.map((id) => teachers.get(id)).filter(Boolean).join(', ')}</span>
                </h4>
                <label htmlFor={selectId}>{t('spaces.class.target')}</label>
                <select
                  id={selectId}
                  value={newClassId ?? ''}
                  onChange={(e) => void decide({ kind: 'map-class', oldClassId: c.id, newClassId: e.target.value || null })}
                >
                  <option value="">{t('spaces.class.none')}</option>
                  {ws.newRoster.classes.map((n) => (
                    <option key={n.id} value={n.id}>
                      {n.label}
                      {proposal?.newClassId === n.id ? ` (${t('spaces.class.proposed')})` : ''}
                    </option>
                  ))}
                </select>
                {proposal ? <p className="hint">{proposal.detail}</p> : <p className="hint">{t('spaces.class.noProposal')}</p>}
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={skipped}
                    onChange={(e) =>
                      void decide({ kind: 'map-class', oldClassId: c.id, newClassId: e.target.checked ? null : (proposal?.newClassId ?? ws.newRoster.classes[0]?.id ?? null) })
                    }
                  />
                  {t('spaces.class.skip')}
                </label>
                <AppChecks
                  legend={t('spaces.class.apps')}
                  apps={SPACE_APPS}
                  counts={c.apps}
                  chosen={classApps(c)}
                  disabled={skipped}
                  onChange={(appIds) => void decide({ kind: 'class-apps', oldClassId: c.id, appIds })}
                  idPrefix={`class-app-${c.id}`}
                />
                <p className="muted">{skipped ? t('spaces.class.licences.lost', { n: c.licences }) : t('spaces.class.licences', { n: c.licences })}</p>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="personal-title" className="section">
        <h3 id="personal-title">{t('spaces.personal.title')}</h3>
        <AppChecks
          legend={t('spaces.personal.legend')}
          apps={PERSONAL_APPS}
          counts={personalCounts}
          chosen={chosenApps(ws, 'personal', PERSONAL_APPS)}
          onChange={(appIds) => void decide({ kind: 'choose-apps', target: 'personal', appIds })}
          idPrefix="personal-app"
        />
      </section>
      <div className="actions">
        <button type="button" onClick={() => go('pupils')}>
          {t('spaces.next')}
        </button>
      </div>
    </main>
  );
}
