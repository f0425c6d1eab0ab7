import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { awaitsSending, hasWorkspace } from '../../src-shared/domain/school-lifecycle';
import { foldCase } from '../../src-shared/domain/text';
import type { BatchReview } from '../../src-shared/rpc/core';
import { useT } from '../i18n';
import { ErrorAlert, Notice } from '../components/Alert';
import { CredentialFields, type Credentials } from '../components/CredentialFields';
import { ProgressBar } from '../components/ProgressBar';
import { NamedWarnings, ReviewByName } from '../components/ReviewByName';
import { ReceiptLinks } from './Receipt';
import { useAppStore } from '../store/app';
import { useSchoolStore } from '../store/school';

/** Compares what the director typed with the school's name, ignoring case, accents and extra spaces. */
export function sameName(typed: string, name: string): boolean {
  const norm = (s: string) => foldCase(s).replace(/\s+/g, ' ').trim();
  return norm(typed) !== '' && norm(typed) === norm(name);
}

function LegacyForm({ onSubmit, busy }: { onSubmit: (login: string, password: string) => void; busy: boolean }) {
  const t = useT();
  const [creds, setCreds] = useState<Credentials>({ login: '', password: '' });
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(creds.login.trim(), creds.password);
      }}
    >
      <p>{t('review.legacy.text')}</p>
      <CredentialFields idPrefix="again" value={creds} onChange={setCreds} old />
      <button type="submit" disabled={busy || !creds.login || !creds.password}>
        {t('review.legacy.submit')}
      </button>
    </form>
  );
}

/** Screen 6: the batch by name and its warnings, then the explicit irreversible confirmation (typing the school's name). */
export function Review() {
  const t = useT();
  const { status, preview, workspace, error, notice, busy, progress, waitingForServer, needsLegacy, loadPreview, confirmAndSend, send, go, openPupils, clearError } = useSchoolStore();
  const offline = useAppStore((s) => s.offline);
  const [typed, setTyped] = useState('');
  const phase = status?.phase;
  useEffect(() => {
    if (phase && hasWorkspace(phase)) void loadPreview();
  }, [phase, loadPreview]);
  const classOfNew = useMemo(() => new Map((workspace?.newRoster.pupils ?? []).map((p) => [p.id, p.classId])), [workspace]);
  // An old account still in an undecided pair is listed with that pair, not as "no pupil matches" (its fate is not decided yet).
  const byName = useMemo(() => {
    const review = preview?.review;
    if (!review) return null;
    const pending = new Set(review.undecided.map((u) => u.old.id));
    return { ...review, notFollowing: review.notFollowing.filter((p) => !pending.has(p.id)) };
  }, [preview]);

  const summary = preview?.summary;
  const review = preview?.review;
  const frozen = phase !== undefined && awaitsSending(phase);
  const undecided = review?.undecided.length ?? status?.counts?.undecided ?? 0;
  const problems = preview?.problems.length ?? 0;
  const canConfirm = summary !== undefined && summary.valid && problems === 0 && undecided === 0 && sameName(typed, summary.schoolName);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (canConfirm) void confirmAndSend();
  };
  const c = summary?.counts;
  const push = progress.push;
  return (
    <main className="card" aria-labelledby="review-title">
      <h2 id="review-title">{t('review.title')}</h2>
      {notice === 'rebased' ? <Notice testId="rebased">{t('review.rebased')}</Notice> : null}
      {busy === 'preview' ? <ProgressBar label={t('review.loading')} /> : null}
      {summary && c ? (
        <section aria-labelledby="summary-title" className="section" data-testid="summary">
          <h3 id="summary-title">{t('review.summary', { school: summary.schoolName })}</h3>
          <ul className="summary">
            <li data-testid="count-linked">{t('review.count.linked', { n: c.linked, total: c.newPupils })}</li>
            <li>{t('review.count.fresh', { n: c.newWithoutOld })}</li>
            <li>{t('review.count.leaving', { n: c.oldNotFollowing })}</li>
            {c.optedOut > 0 ? <li>{t('review.count.optedOut', { n: c.optedOut })}</li> : null}
            <li>{t('review.count.classes', { n: c.classesRecovered, skipped: c.classesSkipped })}</li>
            <li>{summary.schoolSpaceRecovered ? t('review.school.yes') : t('review.school.no')}</li>
          </ul>
          {review ? <NamedWarnings warnings={review.warnings} /> : null}
          {problems > 0 ? (
            <div className="alert alert-error" role="alert">
              <h4>{t('review.problems')}</h4>
              <ul>
                {preview?.problems.map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ) : null}
      {review && review.undecided.length > 0 && !frozen ? <UndecidedPanel undecided={review.undecided} classOfNew={classOfNew} onOpen={openPupils} /> : null}
      {(preview?.flagged.length ?? 0) > 0 ? (
        <div className="alert alert-warning" data-testid="flagged">
          <h4>{t('review.flagged')}</h4>
          <ul>
            {preview?.flagged.map((f) => (
              <li key={f.seq}>{f.reason}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {byName ? <ReviewByName review={byName} /> : null}
      <ErrorAlert error={error} onClose={clearError} />
      {needsLegacy ? <LegacyForm busy={busy !== null} onSubmit={(login, password) => void send({ login, password })} /> : null}
      {frozen ? (
        <section className="section" aria-labelledby="queued-title">
          <h3 id="queued-title">{t('review.queued.title')}</h3>
          {waitingForServer || offline ? (
            <Notice testId="waiting-server">{t('review.queued.waiting')}</Notice>
          ) : null}
          {busy === 'send' ? <ProgressBar label={push?.label ?? t('review.sending')} done={push?.done} total={push?.total} testId="send-progress" /> : null}
          {busy === null && !waitingForServer && !needsLegacy ? (
            <button type="button" onClick={() => void send()}>
              {t('review.queued.retry')}
            </button>
          ) : null}
          <ReceiptLinks />
        </section>
      ) : (
        <form onSubmit={submit} className="form confirm-form">
          <p className="warning">
            <strong>{t('review.irreversible.title')}</strong> {t('review.irreversible.text')}
          </p>
          {undecided > 0 ? (
            <p className="alert alert-error" id="confirm-blocked" data-testid="confirm-blocked">
              {t('review.blocked', { n: undecided })}{' '}
              <button type="button" className="link" onClick={() => openPupils(firstClass(review?.undecided ?? [], classOfNew))}>
                {t('review.blocked.go')}
              </button>
            </p>
          ) : null}
          <label htmlFor="confirm-name">{t('review.type', { school: summary?.schoolName ?? '' })}</label>
          <input id="confirm-name" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          <div className="actions">
            <button type="button" className="secondary" onClick={() => go('pupils')}>
              {t('common.previous')}
            </button>
            <button type="submit" disabled={!canConfirm || busy !== null} data-testid="confirm" aria-describedby={undecided > 0 ? 'confirm-blocked' : undefined}>
              {t('review.confirm')}
            </button>
          </div>
        </form>
      )}
    </main>
  );
}

type Undecided = BatchReview['undecided'];

function firstClass(undecided: Undecided, classOfNew: Map<string, string | null>): string | null {
  for (const u of undecided) {
    const id = classOfNew.get(u.new.id);
    if (id) return id;
  }
  return null;
}

/** What is left to decide, by class, by name with the reasons; each class links to its tab on the pupils screen. */
function UndecidedPanel({ undecided, classOfNew, onOpen }: { undecided: Undecided; classOfNew: Map<string, string | null>; onOpen: (classId: string | null) => void }) {
  const t = useT();
  const groups = new Map<string, { classId: string | null; label: string; items: Undecided }>();
  for (const u of undecided) {
    const classId = classOfNew.get(u.new.id) ?? null;
    const key = classId ?? u.new.classLabel;
    const group = groups.get(key) ?? { classId, label: u.new.classLabel, items: [] };
    group.items.push(u);
    groups.set(key, group);
  }
  const sure = undecided.filter((u) => u.status === 'auto').length;
  return (
    <section className="section alert alert-error" aria-labelledby="undecided-title" data-testid="undecided">
      <h3 id="undecided-title">{sure > 0 ? t('review.undecided.title.sure', { n: undecided.length, sure }) : t('review.undecided.title', { n: undecided.length })}</h3>
      <p>{t('review.undecided.text')}</p>
      {[...groups.values()].map((g) => (
        <div key={g.classId ?? g.label} className="undecided-group">
          <h4>
            {g.label || t('pupils.noClass')} — {t('pupils.tab.undecided', { n: g.items.length })}{' '}
            <button type="button" className="small" onClick={() => onOpen(g.classId)} data-testid="undecided-open">
              {t('review.undecided.open', { classe: g.label || t('pupils.noClass') })}
            </button>
          </h4>
          <ul>
            {g.items.map((u) => (
              <li key={u.new.id}>
                <span className="name">{u.old.prenom} {u.old.nom}</span> <span className="muted small">({u.old.classLabel})</span> → <span className="name">{u.new.prenom} {u.new.nom}</span>{' '}
                <span className={`badge ${u.status === 'auto' ? 'auto' : 'review'}`}>{t(u.status === 'auto' ? 'status.auto' : 'status.review')}</span>
                {u.reasons.length > 0 ? <span className="reasons small block">{u.reasons.join(' · ')}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
