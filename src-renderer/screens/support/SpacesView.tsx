import { useEffect, useMemo, useRef } from 'react';
import { PERSONAL_APPS, SPACE_APPS } from '../../../src-shared/api/common';
import { useLocale, useT } from '../../i18n';
import { formatDateTime } from '../../components/format';
import { useAppName } from '../../components/ReviewByName';
import type { Workspace } from '../../store/links';
import { mappedClass } from '../Spaces';

type Target = 'school-space' | 'class-spaces' | 'personal';
const chosen = (ws: Workspace, target: Target, all: readonly string[]): string[] => ws.apps.find((a) => a.target === target)?.appIds ?? [...all];

/**
 * The spaces screen as it stood at a step, read-only: the school space's apps, each old class's space and the new
 * class it goes to (the director's choice, else the proposal, as the batch does — `mappedClass` of the spaces
 * screen) with its apps, the pupils' personal data apps. The class of the step's decision is marked.
 */
export function SpacesView({ workspace: ws, focusClass, stepKey }: { workspace: Workspace; focusClass: string | null; stepKey: string }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const appName = useAppName();
  const list = useRef<HTMLUListElement>(null);
  const teachers = useMemo(() => new Map(ws.oldRoster.teachers.map((te) => [te.id, `${te.prenom} ${te.nom}`])), [ws]);
  const newLabels = useMemo(() => new Map(ws.newRoster.classes.map((c) => [c.id, c.label])), [ws]);
  useEffect(() => {
    list.current?.querySelector('.focus')?.scrollIntoView({ block: 'nearest' });
  }, [stepKey]);
  const names = (ids: string[]) => ids.map(appName).join(', ') || '—';
  return (
    <div className="assist-spaces" data-testid="assist-spaces">
      <p data-testid="assist-school-space">{ws.oldRoster.schoolSpace ? t('assist.spaces.school', { apps: names(chosen(ws, 'school-space', SPACE_APPS)) }) : t('assist.spaces.school.none')}</p>
      <ul className="class-cards" ref={list}>
        {ws.oldRoster.classes.map((c) => {
          const focus = c.id === focusClass;
          const who = c.teacherIds.map((id) => teachers.get(id)).filter(Boolean).join(', ');
          const { newClassId, explicit } = mappedClass(ws, c.id);
          const apps = ws.classApps.find((x) => x.oldClassId === c.id)?.appIds ?? chosen(ws, 'class-spaces', SPACE_APPS);
          const target = newClassId ? (newLabels.get(newClassId) ?? newClassId) : null;
          return (
            <li key={c.id} className={`class-card${focus ? ' focus' : ''}`} data-testid={`assist-space-${c.id}`}>
              <h5>
                {c.label} <span className="muted">— {who}</span>
                {focus ? <span className="badge assist-focus-badge">{t('assist.focus')}</span> : null}
              </h5>
              {c.takenByTeacher ? (
                <p className="notice">{t('spaces.class.taken', { label: c.takenByTeacher.newClassLabel, when: formatDateTime(c.takenByTeacher.at, locale) })}</p>
              ) : (
                <>
                  <p>{target ? t('assist.spaces.target', { label: explicit ? target : t('assist.spaces.proposed', { label: target }) }) : t('assist.spaces.skipped')}</p>
                  {target ? <p className="muted">{t('assist.spaces.apps', { apps: names(apps) })}</p> : null}
                  <p className="muted">{target ? t('spaces.class.licences', { n: c.licences }) : t('spaces.class.licences.lost', { n: c.licences })}</p>
                </>
              )}
            </li>
          );
        })}
      </ul>
      <p data-testid="assist-personal">{t('assist.spaces.personal', { apps: names(chosen(ws, 'personal', PERSONAL_APPS)) })}</p>
    </div>
  );
}
