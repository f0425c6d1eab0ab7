import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { DiagnosticOverview } from '../../../src-shared/rpc/diagnostic';
import { useLocale, useT } from '../../i18n';
import { useDiagnosticStore } from '../../store/diagnostic';
import { isErrorEntry, timelineMove, wordEntry } from './model';

type School = DiagnosticOverview['schools'][number];

/** « 14:03:27 » (French time, as the ENT's dates), the day in the title. */
function clock(iso: string, locale: 'fr' | 'en'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleTimeString(locale === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * The school's session as a listbox: one option per step (time, what happened), the chosen step selected.
 * Arrows, Home/End and Page Up/Down move the selection; « Étape précédente / suivante » do the same.
 */
export function Timeline({ school }: { school: School }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { step, selected, goTo } = useDiagnosticStore();
  const list = useRef<HTMLUListElement>(null);
  const current = selected ?? step?.index ?? school.timeline.length - 1;
  const count = school.timeline.length;
  useEffect(() => {
    list.current?.querySelector<HTMLElement>(`[data-index="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current, school.uai]);
  const onKey = (e: KeyboardEvent) => {
    const next = timelineMove(e.key, current, count);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Home' || e.key === 'End' || e.key === 'PageUp' || e.key === 'PageDown') e.preventDefault();
    if (next !== null) void goTo(next);
  };
  return (
    <section className="assist-timeline" aria-labelledby="assist-timeline-title">
      <h4 id="assist-timeline-title">{t('assist.timeline')}</h4>
      <p className="hint" id="assist-timeline-hint">
        {t('assist.timeline.hint')}
      </p>
      <div className="actions assist-step-nav">
        <button type="button" className="secondary small" onClick={() => void goTo(current - 1)} disabled={current <= 0} data-testid="assist-prev">
          {t('assist.prev')}
        </button>
        <button type="button" className="secondary small" onClick={() => void goTo(current + 1)} disabled={current >= count - 1} data-testid="assist-next">
          {t('assist.next')}
        </button>
      </div>
      <ul
        ref={list}
        className="assist-entries"
        role="listbox"
        tabIndex={0}
        aria-labelledby="assist-timeline-title"
        aria-describedby="assist-timeline-hint"
        aria-activedescendant={`assist-entry-${current}`}
        onKeyDown={onKey}
        data-testid="assist-timeline"
      >
        {school.timeline.map((e) => {
          const chosen = e.index === current;
          return (
            <li
              key={e.index}
              id={`assist-entry-${e.index}`}
              role="option"
              aria-selected={chosen}
              data-index={e.index}
              data-kind={e.kind}
              className={`assist-entry${chosen ? ' selected' : ''}${isErrorEntry(e) ? ' error' : ''}`}
              onClick={() => void goTo(e.index)}
              title={new Date(e.at).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'Europe/Paris' })}
            >
              <span className="assist-entry-n">{e.index + 1}</span>
              <span className="assist-entry-time">{clock(e.at, locale)}</span>
              <span className="assist-entry-text">{wordEntry(locale, e)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
