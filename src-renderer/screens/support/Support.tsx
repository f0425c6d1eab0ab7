import { useState, type DragEvent, type FormEvent } from 'react';
import type { DiagnosticOverview } from '../../../src-shared/rpc/diagnostic';
import { isMessageKey, useLocale, useT } from '../../i18n';
import { ErrorAlert } from '../../components/Alert';
import { formatDateTime } from '../../components/format';
import { ProgressBar } from '../../components/ProgressBar';
import { useDiagnosticStore } from '../../store/diagnostic';
import { wordEntry } from './model';
import { StepView } from './StepView';
import { Timeline } from './Timeline';
import './support.css';

/** Reads a chosen or dropped file as text (the browser's own reader: nothing is fetched). */
function readText(file: File): Promise<string> {
  return file.text();
}

/** The file to open: a file input, or a drop on the zone; then its password when it is encrypted. */
function OpenPanel() {
  const t = useT();
  const { busy, upload, locked, error, openFile, unlock, clearError } = useDiagnosticStore();
  const [reading, setReading] = useState(false);
  const [over, setOver] = useState(false);
  const [password, setPassword] = useState('');
  const take = async (file: File | undefined) => {
    if (!file) return;
    clearError();
    setReading(true);
    let text: string;
    try {
      text = await readText(file);
    } finally {
      setReading(false);
    }
    await openFile(text);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void take(e.dataTransfer.files[0]);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const typed = password;
    setPassword('');
    if (typed) void unlock(typed);
  };
  return (
    <section className="section" aria-labelledby="assist-open-title">
      <h3 id="assist-open-title" className="visually-hidden">
        {t('assist.file')}
      </h3>
      <div
        className={`assist-drop${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="assist-drop"
      >
        <label htmlFor="assist-file">{t('assist.file')}</label>
        <input id="assist-file" type="file" accept=".json,application/json" onChange={(e) => void take(e.target.files?.[0])} disabled={busy !== null} />
        <p className="hint">{t('assist.drop')}</p>
      </div>
      {reading ? <ProgressBar label={t('assist.reading')} /> : null}
      {upload ? <ProgressBar label={t('assist.sending')} done={upload.done} total={upload.total} testId="assist-upload" /> : null}
      {locked ? (
        <form className="form" onSubmit={submit} data-testid="assist-locked">
          <p className="alert alert-warning">{t('assist.locked')}</p>
          <label htmlFor="assist-password">{t('assist.password')}</label>
          <input id="assist-password" type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
          <button type="submit" disabled={busy !== null || !password}>
            {t('assist.unlock')}
          </button>
        </form>
      ) : null}
      <ErrorAlert error={error} onClose={clearError} />
    </section>
  );
}

/** What the diagnostic is: pseudonymised or real (clearly marked), the app, when, the account's roles. */
function Header({ overview }: { overview: DiagnosticOverview }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const roleName = (role: string) => {
    const key = `role.${role}`;
    return isMessageKey(key) ? t(key) : role;
  };
  const { app } = overview;
  return (
    <section className="section assist-header" aria-labelledby="assist-header-title" data-testid="assist-header">
      <h3 id="assist-header-title">{t('assist.header', { date: formatDateTime(overview.createdAt, locale) })}</h3>
      <p className={`assist-data ${overview.pseudonymised ? 'pseudo' : 'real'}`} data-testid="assist-data" data-pseudonymised={overview.pseudonymised}>
        {overview.pseudonymised ? t('assist.pseudonymised') : t('assist.real')}
      </p>
      <ul className="assist-facts">
        <li data-testid="assist-app">{t('assist.app', { version: app.version, host: app.host, platform: app.platform, release: app.release, arch: app.arch })}</li>
        <li>{t('assist.server', { url: app.serverUrl })}</li>
        <li data-testid="assist-roles">
          {overview.account
            ? t('assist.roles', { roles: overview.account.roles.map((r) => t('assist.role', { role: roleName(r.role), uai: r.schoolUai })).join(', ') || '—' })
            : t('assist.roles.none')}
        </li>
      </ul>
    </section>
  );
}

/** The errors the user met, in order, each leading to its step; then the last log lines. */
function ErrorsAndLogs({ overview }: { overview: DiagnosticOverview }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { selectSchool, goTo, school } = useDiagnosticStore();
  const names = new Map(overview.schools.map((s) => [s.uai, s.name]));
  const open = async (uai: string, index: number) => {
    if (uai !== school) await selectSchool(uai);
    await goTo(index);
    document.getElementById('assist-step-title')?.focus();
  };
  const logs = overview.logs.slice(-100);
  return (
    <>
      <section className="section" aria-labelledby="assist-errors-title">
        <h3 id="assist-errors-title">{t('assist.errors')}</h3>
        {overview.errors.length === 0 ? (
          <p>{t('assist.errors.none')}</p>
        ) : (
          <ol className="assist-errors" data-testid="assist-errors">
            {overview.errors.map((e, i) => (
              <li key={`${e.uai}-${e.index}-${i}`}>
                <span className="muted small">{formatDateTime(e.at, locale)}</span> {wordEntry(locale, e)}{' '}
                <button type="button" className="link small" onClick={() => void open(e.uai, e.index)}>
                  {t('assist.errors.go', { n: e.index + 1, school: names.get(e.uai) ?? e.uai })}
                </button>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="section" aria-labelledby="assist-logs-title">
        <h3 id="assist-logs-title">{t('assist.logs')}</h3>
        {logs.length === 0 ? (
          <p>{t('assist.logs.none')}</p>
        ) : (
          <div className="assist-logs" tabIndex={0} role="region" aria-labelledby="assist-logs-title">
            <table data-testid="assist-logs">
              <thead>
                <tr>
                  <th scope="col">{t('assist.logs.time')}</th>
                  <th scope="col">{t('assist.logs.level')}</th>
                  <th scope="col">{t('assist.logs.host')}</th>
                  <th scope="col">{t('assist.logs.event')}</th>
                </tr>
              </thead>
              <tbody>
                {logs.map((l, i) => (
                  <tr key={i} className={l.level === 'error' || l.level === 'fatal' ? 'error' : l.level === 'warn' ? 'warn' : ''}>
                    <td>{l.time ? formatDateTime(l.time, locale) : '—'}</td>
                    <td>{l.level}</td>
                    <td>{l.host}</td>
                    <td>
                      <code>{l.event}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/**
 * Support mode: a diagnostic file opened read-only (the core talks to no ENT here and this screen offers no
 * sign-in, download or sending): its header, per school the timeline and the user's screens as they stood at the
 * chosen step, the errors met in order, the last log lines.
 */
export function Support() {
  const t = useT();
  const { overview, school, busy, error, selectSchool, close, leaveSupport, clearError } = useDiagnosticStore();
  const current = overview?.schools.find((s) => s.uai === school) ?? null;
  return (
    <main className="card wide assist" aria-labelledby="assist-title" data-testid="support-mode">
      <div className="assist-top">
        <h2 id="assist-title">{t('assist.title')}</h2>
        <div className="actions">
          {overview ? (
            <button type="button" className="secondary" onClick={() => void close()} disabled={busy === 'close'}>
              {t('assist.close')}
            </button>
          ) : null}
          <button type="button" className="secondary" onClick={leaveSupport}>
            {t('assist.leave')}
          </button>
        </div>
      </div>
      <p className="notice" data-testid="assist-readonly">
        {t('assist.readonly')}
      </p>
      {!overview ? (
        <OpenPanel />
      ) : (
        <>
          <Header overview={overview} />
          <ErrorAlert error={error} onClose={clearError} />
          {overview.schools.length > 1 ? (
            <nav className="class-tabs" aria-label={t('assist.schools')}>
              {overview.schools.map((s) => (
                <button key={s.uai} type="button" className={`tab${s.uai === school ? ' current' : ''}`} aria-pressed={s.uai === school} onClick={() => void selectSchool(s.uai)} data-testid={`assist-school-${s.uai}`}>
                  {t('assist.school.tab', { name: s.name, uai: s.uai })} <span className="count">{t('assist.school.steps', { n: s.timeline.length })}</span>
                </button>
              ))}
            </nav>
          ) : current ? (
            <h3 data-testid={`assist-school-${current.uai}`}>{t('assist.school.tab', { name: current.name, uai: current.uai })}</h3>
          ) : null}
          {current ? (
            current.timeline.length === 0 ? (
              <p>{t('assist.school.empty')}</p>
            ) : (
              <div className="assist-replay">
                <Timeline school={current} />
                <div className="assist-step">
                  {current.replayable ? <StepView total={current.timeline.length} /> : <p className="notice">{t('assist.school.notReplayable')}</p>}
                </div>
              </div>
            )
          ) : null}
          <ErrorsAndLogs overview={overview} />
        </>
      )}
    </main>
  );
}
