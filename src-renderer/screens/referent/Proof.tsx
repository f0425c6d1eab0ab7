import { useState, type FormEvent } from 'react';
import { isSettled } from '../../../src-shared/domain/school-lifecycle';
import { useLocale, useT } from '../../i18n';
import { CredentialFields, type Credentials } from '../../components/CredentialFields';
import { formatDateTime } from '../../components/format';
import { useReferentStore } from '../../store/referent';
import type { BoardRow } from './model';

/** How many covered schools are named in the sentence; the board's « Preuve » column says it for every row. */
const NAMED = 6;

/**
 * « Prouver mon ancien compte de référent »: her own old referent account, once, for every school it covered
 * (the same irreversible confirmation as the download step). A director's password is never asked for here.
 */
export function Proof({ rows }: { rows: readonly BoardRow[] }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const proof = useReferentStore((s) => s.proof);
  const busy = useReferentStore((s) => s.busy);
  const [understood, setUnderstood] = useState(false);
  const [creds, setCreds] = useState<Credentials>({ login: '', password: '' });
  const covered = rows.filter((r) => r.covered);
  const names = (proof ? proof.schools.map((s) => rows.find((r) => r.uai === s.uai)?.name ?? s.name) : covered.map((r) => r.name)).filter(Boolean);
  // Schools still to reconcile that the proof does not open (a settled school needs no proof any more).
  const uncovered = rows.filter((r) => !r.covered && !isSettled(r.phase)).length;

  const named = (list: string[]) => `${list.slice(0, NAMED).join(', ')}${list.length > NAMED ? ` ${t('proof.done.more', { n: list.length - NAMED })}` : list.length > 0 ? '.' : ''}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void useReferentStore
      .getState()
      .prove(creds.login.trim(), creds.password)
      .then((ok) => {
        if (ok) {
          setCreds({ login: '', password: '' });
          setUnderstood(false);
        }
      });
  };
  const form = (
    <form onSubmit={submit} className="form" data-testid="proof-form">
      <p className="hint">{t('proof.intro')}</p>
      <fieldset>
        <legend>{t('proof.legend')}</legend>
        <p className="warning" id="proof-irreversible">
          <strong>{t('download.irreversible.title')}</strong> {t('download.irreversible.text')}
        </p>
        <label className="checkbox">
          <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} aria-describedby="proof-irreversible" />
          {t('download.irreversible.check')}
        </label>
        <CredentialFields idPrefix="proof" value={creds} onChange={setCreds} old disabled={!understood} />
        <p className="hint">{t('download.old.hint')}</p>
      </fieldset>
      <button type="submit" disabled={!understood || !creds.login || !creds.password || busy !== null}>
        {t('proof.submit')}
      </button>
    </form>
  );

  return (
    <section className="proof section" aria-labelledby="proof-title" data-testid="proof">
      <h3 id="proof-title">{proof ? t('proof.done.title') : t('proof.title')}</h3>
      {proof ? (
        <>
          <p data-testid="proof-covers">
            {t('proof.done.account', { login: proof.oldAccount.login, name: `${proof.oldAccount.prenom} ${proof.oldAccount.nom}`, n: proof.schools.length, until: formatDateTime(proof.expiresAt, locale) })} {named(names)}
          </p>
          {proof.classSchools.length > 0 ? <p className="small">{t('proof.done.classes', { n: proof.classSchools.length })}</p> : null}
          {uncovered > 0 ? <p className="small muted">{t('proof.uncovered', { n: uncovered })}</p> : null}
          <details>
            <summary>{t('proof.again')}</summary>
            {form}
          </details>
        </>
      ) : (
        <>
          {/* Proven earlier on this computer (the proof itself is not shown again): which schools it still opens. */}
          {covered.length > 0 ? (
            <p className="small" data-testid="proof-covered-before">
              {t('proof.done.covered', { n: covered.length })} {named(names)}
            </p>
          ) : null}
          {form}
        </>
      )}
    </section>
  );
}
