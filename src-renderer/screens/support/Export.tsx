import { useState } from 'react';
import { REAL_DATA_CONSENT, type DiagnosticSummary } from '../../../src-shared/rpc/diagnostic';
import { isMessageKey, useLocale, useT } from '../../i18n';
import { ErrorAlert, Notice } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { saveTextFile } from '../../components/download';
import { ProgressBar } from '../../components/ProgressBar';
import { useDiagnosticStore } from '../../store/diagnostic';
import { consentTyped, wordSize } from './model';

/** What the file holds, shown before it is saved (every school, the logs, what is never inside, the kinds kept, the size). */
export function SummaryView({ summary }: { summary: DiagnosticSummary }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const phase = (p: string) => {
    const key = `phase.${p}`;
    return isMessageKey(key) ? t(key) : p;
  };
  return (
    <div data-testid="diagnostic-summary">
      <p className={summary.pseudonymised ? 'diag-pseudo' : 'alert alert-warning'} data-testid="diagnostic-pseudonymised" data-pseudonymised={summary.pseudonymised}>
        <strong>{summary.pseudonymised ? t('diag.summary.pseudonymised') : t('diag.summary.real')}</strong>
      </p>
      <ul className="diag-summary">
        <li data-testid="diagnostic-app">{t('diag.summary.app', { version: summary.app.version, host: summary.app.host, platform: summary.app.platform, release: summary.app.release })}</li>
        <li>{summary.account ? t('diag.summary.account') : t('diag.summary.noAccount')}</li>
        <li>
          {summary.schools.length === 0 ? t('diag.summary.noSchool') : t('diag.summary.schools', { n: summary.schools.length })}
          {summary.schools.length > 0 ? (
            <ul data-testid="diagnostic-schools">
              {summary.schools.map((s) => (
                <li key={s.uai} data-testid={`diagnostic-school-${s.uai}`}>
                  <strong>{t('diag.summary.school', { name: s.name, uai: s.uai, phase: phase(s.phase) })}</strong>
                  <br />
                  <span className="muted">
                    {t('diag.summary.school.counts', { newPupils: s.newPupils, oldPupils: s.oldPupils, proposals: s.proposals, decisions: s.decisions, batches: s.batches, events: s.events, errors: s.errors })}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
        <li data-testid="diagnostic-logs">{t('diag.summary.logs', { files: summary.logs.files, lines: summary.logs.lines })}</li>
        <li data-testid="diagnostic-excluded">{t('diag.summary.excluded', { list: summary.excluded.map((x) => t(`diag.excluded.${x}`)).join(', ') })}</li>
        {summary.kinds ? <li data-testid="diagnostic-kinds">{t('diag.summary.kinds', { kept: summary.kinds.kept, total: summary.kinds.total })}</li> : null}
        <li data-testid="diagnostic-size">{t('diag.summary.size', { size: wordSize(locale, summary.bytes) })}</li>
      </ul>
    </div>
  );
}

/**
 * « Exporter un diagnostic »: prepared first (pseudonymised, or with the real data after a clear warning), its
 * summary shown, then « Enregistrer » saves the file; real data need the typed consent and give a password once
 * (held by this component's dialog only, gone when it closes).
 */
export function ExportDiagnostic() {
  const t = useT();
  const { draft, exportBusy, exportError, prepare, save, cancelExport } = useDiagnosticStore();
  const [real, setReal] = useState(false);
  const [consent, setConsent] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [password, setPassword] = useState<{ file: string; password: string } | null>(null);
  const start = async () => {
    setSaved(null);
    setConsent('');
    await prepare(real);
  };
  const submit = async () => {
    const out = await save(draft?.real ? consent : undefined);
    if (!out) return;
    saveTextFile(out.text, out.fileName, 'application/json;charset=utf-8');
    setSaved(out.fileName);
    setConsent('');
    if (out.password) setPassword({ file: out.fileName, password: out.password });
  };
  return (
    <div className="diag-export">
      <label className="checkbox" htmlFor="diag-real">
        <input id="diag-real" type="checkbox" checked={real} onChange={(e) => setReal(e.target.checked)} disabled={exportBusy !== null || draft !== null} />
        {t('diag.real')}
      </label>
      {real ? (
        <div className="alert alert-warning" data-testid="diagnostic-real-warning">
          <p>{t('diag.real.warning')}</p>
        </div>
      ) : null}
      {draft === null ? (
        <button type="button" onClick={() => void start()} disabled={exportBusy !== null}>
          {t('diag.export')}
        </button>
      ) : null}
      {exportBusy === 'prepare' ? <ProgressBar label={t('diag.preparing')} /> : null}
      {exportBusy === 'save' ? <ProgressBar label={t('diag.saving')} /> : null}
      <ErrorAlert error={exportError} />
      {draft ? (
        <section className="section diag-draft" aria-labelledby="diag-summary-title">
          <h4 id="diag-summary-title">{t('diag.summary.title')}</h4>
          <p>{t('diag.summary.intro')}</p>
          <SummaryView summary={draft.summary} />
          {draft.real ? (
            <div className="form">
              <label htmlFor="diag-consent">{t('diag.consent.label', { words: REAL_DATA_CONSENT })}</label>
              <input id="diag-consent" type="text" autoComplete="off" value={consent} onChange={(e) => setConsent(e.target.value)} aria-describedby="diag-consent-hint" />
              <p id="diag-consent-hint" className="hint">
                {t('diag.consent.hint')}
              </p>
            </div>
          ) : null}
          <div className="actions">
            <button type="button" onClick={() => void submit()} disabled={exportBusy !== null || (draft.real && !consentTyped(consent))} data-testid="diagnostic-save">
              {t('diag.save')}
            </button>
            <button type="button" className="secondary" onClick={cancelExport} disabled={exportBusy !== null}>
              {t('diag.cancel')}
            </button>
          </div>
        </section>
      ) : null}
      {saved && !password ? <Notice testId="diagnostic-saved">{t('diag.saved', { file: saved })}</Notice> : null}
      {password ? (
        <Dialog titleId="diag-password-title" title={t('diag.password.title')} onClose={() => setPassword(null)} testId="diagnostic-password-dialog">
          <p>{t('diag.password.intro', { file: password.file })}</p>
          <p className="diag-password" data-testid="diagnostic-password">
            <code>{password.password}</code>
          </p>
          <p className="alert alert-warning">{t('diag.password.channel')}</p>
          <div className="actions">
            <button type="button" onClick={() => setPassword(null)} data-autofocus>
              {t('diag.password.done')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
