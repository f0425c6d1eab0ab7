import type { BatchReview } from '../../src-shared/rpc/core';
import { isMessageKey, useT, type MessageKey } from '../i18n';

type Warning = BatchReview['warnings'][number];
const WARNING_TITLES: Record<Warning['code'], MessageKey> = {
  undecided: 'byname.warning.undecided',
  'two-classes-into-one': 'byname.warning.two-classes-into-one',
  'class-not-covered': 'byname.warning.class-not-covered',
  flagged: 'byname.warning.flagged',
  'taken-by-teacher': 'byname.warning.taken-by-teacher',
};
const REASONS: Record<BatchReview['notFollowing'][number]['reason'], MessageKey> = {
  refused: 'byname.reason.refused',
  'no-match': 'byname.reason.no-match',
  'opted-out': 'byname.reason.opted-out',
};

/** An app's name in the catalog's words (an id the catalog does not know is shown as is). */
export function useAppName(): (id: string) => string {
  const t = useT();
  return (id) => {
    const key = `app.${id}`;
    return isMessageKey(key) ? t(key) : id;
  };
}

/** Every warning of the batch, named (the core's French sentence under a title per kind). */
export function NamedWarnings({ warnings }: { warnings: Warning[] }) {
  const t = useT();
  if (warnings.length === 0) return null;
  return (
    <div className="alert alert-warning" data-testid="warnings">
      <h4>{t('review.warnings')}</h4>
      <ul>
        {warnings.map((w, i) => (
          <li key={i} data-code={w.code}>
            <strong>{t(WARNING_TITLES[w.code])} :</strong> {w.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The batch by name (what the director checks before confirming, and the receipt of what was sent): per new class
 * who keeps last year's account (and from which class) and who gets a new login; whose old account does not follow
 * and why; which old class space goes where, with which apps.
 */
export function ReviewByName({ review, schoolSpaceApps }: { review: BatchReview; schoolSpaceApps?: string[] | null }) {
  const t = useT();
  const appName = useAppName();
  return (
    <div className="by-name" data-testid="by-name">
      <section className="section" aria-labelledby="byname-classes">
        <h3 id="byname-classes">{t('byname.classes')}</h3>
        <div className="byname-classes">
          {review.classes.map((c) => (
            <section key={c.newClassId} className="byname-class" aria-labelledby={`byname-${c.newClassId}`} data-testid={`byname-class-${c.newClassId}`}>
              <h4 id={`byname-${c.newClassId}`}>
                {c.label} <span className="muted small">{t('byname.class.counts', { keeps: c.keeps.length, fresh: c.newLogins.length })}</span>
              </h4>
              {c.keeps.length > 0 ? (
                <>
                  <p className="list-title">{t('byname.keeps', { n: c.keeps.length })}</p>
                  <ul className="names" data-testid="keeps">
                    {c.keeps.map((p) => (
                      <li key={p.id}>
                        <span className="name">{p.nom} {p.prenom}</span> <span className="muted small">{t('byname.keeps.from', { classe: p.oldClassLabel || '—' })}</span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {c.newLogins.length > 0 ? (
                <>
                  <p className="list-title">{t('byname.newLogins', { n: c.newLogins.length })}</p>
                  <ul className="names" data-testid="new-logins">
                    {c.newLogins.map((p) => (
                      <li key={p.id}>
                        <span className="name">{p.nom} {p.prenom}</span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>
          ))}
        </div>
      </section>
      <section className="section" aria-labelledby="byname-leaving">
        <h3 id="byname-leaving">{t('byname.notFollowing', { n: review.notFollowing.length })}</h3>
        {review.notFollowing.length === 0 ? (
          <p>{t('byname.notFollowing.none')}</p>
        ) : (
          <ul className="names wide" data-testid="not-following">
            {review.notFollowing.map((p) => (
              <li key={p.id}>
                <span className="name">{p.nom} {p.prenom}</span> <span className="muted small">({p.classLabel || '—'})</span> — {t(REASONS[p.reason])}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="section" aria-labelledby="byname-spaces">
        <h3 id="byname-spaces">{t('byname.spaces')}</h3>
        {schoolSpaceApps !== undefined ? <p>{schoolSpaceApps ? t('byname.schoolSpace.yes', { apps: schoolSpaceApps.map(appName).join(', ') || '—' }) : t('review.school.no')}</p> : null}
        {review.spaces.length === 0 ? (
          <p>{t('byname.spaces.none')}</p>
        ) : (
          <table className="spaces-table" data-testid="spaces">
            <thead>
              <tr>
                <th scope="col">{t('byname.spaces.old')}</th>
                <th scope="col">{t('byname.spaces.new')}</th>
                <th scope="col">{t('byname.spaces.apps')}</th>
              </tr>
            </thead>
            <tbody>
              {review.spaces.map((s) => (
                <tr key={s.oldClassId}>
                  <td>{s.oldLabel}</td>
                  <td>{s.newLabel ?? <em>{s.takenByTeacher ? t('byname.spaces.taken', { label: s.takenByTeacher.newClassLabel }) : t('byname.spaces.skipped')}</em>}</td>
                  <td>{s.newClassId ? s.apps.map(appName).join(', ') || '—' : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
