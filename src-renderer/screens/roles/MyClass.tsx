import { useEffect, useState, type FormEvent } from 'react';
import { useLocale, useT } from '../../i18n';
import { ErrorAlert, Notice } from '../../components/Alert';
import { ProgressBar } from '../../components/ProgressBar';
import { useRolesStore } from '../../store/roles';
import { listOf } from './text';

/** « Ma classe »: the school's classes with their first pupils (as the ENT's first login shows them), one chosen. */
export function MyClass() {
  const t = useT();
  const { locale } = useLocale();
  const { view, choices, chosen, busy, error, loadChoices, choose, open, clearError } = useRolesStore();
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    void loadChoices();
  }, [loadChoices]);
  useEffect(() => {
    if (choices && selected === null) setSelected(choices.current[0] ?? null);
  }, [choices, selected]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (selected) void choose(selected);
  };
  const next = view?.sections.includes('old-data') ? 'old-data' : view?.sections.includes('personal-data') ? 'personal-data' : null;
  return (
    <main className="card" aria-labelledby="class-title">
      <h2 id="class-title">{t('roles.class.title')}</h2>
      <p>{t('roles.class.intro')}</p>
      {!choices && busy === 'choices' ? <ProgressBar label={t('loading')} /> : null}
      {chosen ? (
        <Notice testId="class-chosen">
          {t('roles.class.done', { label: chosen })}{' '}
          {next ? (
            <button type="button" className="link" onClick={() => open(next)}>
              {t(next === 'old-data' ? 'roles.class.next.old-data' : 'roles.class.next.personal-data')}
            </button>
          ) : null}
        </Notice>
      ) : null}
      <ErrorAlert error={error} onClose={clearError} />
      {choices ? (
        <form onSubmit={submit}>
          <fieldset className="class-choices-set">
            <legend>{t('roles.class.legend')}</legend>
            <ul className="class-choices">
              {choices.classes.map((c) => {
                const id = `choice-${c.id}`;
                const mine = choices.current.includes(c.id);
                return (
                  <li key={c.id}>
                    <label htmlFor={id} className={`choice-card${selected === c.id ? ' selected' : ''}`} data-testid={`class-choice-${c.id}`}>
                      <input id={id} type="radio" name="my-class" value={c.id} checked={selected === c.id} onChange={() => setSelected(c.id)} aria-describedby={`${id}-pupils`} />
                      <span className="choice-text">
                        <span>
                          <span className="name">{c.label}</span> <span className="muted">— {t('roles.class.pupils', { n: c.pupilCount })}</span>
                        </span>
                        {mine ? <span className="badge confirmed">{t('roles.class.current')}</span> : null}
                        <span className="block muted small" id={`${id}-pupils`}>
                          {c.firstPupils.length ? t('roles.class.first', { names: `${listOf(c.firstPupils.map((p) => `${p.prenom} ${p.nom.toUpperCase()}`), locale)}${c.pupilCount > c.firstPupils.length ? '…' : ''}` }) : t('roles.class.empty')}
                        </span>
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <div className="actions start">
            <button type="submit" disabled={!selected || busy !== null}>
              {t('roles.class.submit')}
            </button>
          </div>
        </form>
      ) : null}
      {busy === 'choose' ? <ProgressBar label={t('roles.class.busy')} /> : null}
    </main>
  );
}
