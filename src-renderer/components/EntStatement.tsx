import type { RpcOutput } from '../../src-shared/rpc';
import { useLocale, useT } from '../i18n';
import { formatDateTime } from './format';
import { ProgressBar } from './ProgressBar';

export type EntMerge = NonNullable<RpcOutput<'school.status'>['ent']>;

/** "Rapprochée par Bénédicte Garnier (référent ENT) le 3 septembre 2026 à 10:12", from the ENT's view of the school. */
export function useEntSentence(): (ent: EntMerge) => string {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  return (ent) => {
    const role = t(ent.acceptedByRole === 'referent' ? 'ent.role.referent' : 'ent.role.director');
    const who = ent.acceptedByName ? `${ent.acceptedByName} (${role})` : role;
    const when = formatDateTime(ent.acceptedAt, locale);
    if (ent.status === 'done') return t('ent.done', { who, when });
    if (ent.status === 'failed') return t('ent.failed', { who, when });
    return t('ent.running', { who, when });
  };
}

/** The sentence, with the merge's progress while it runs. */
export function EntStatement({ ent, id, testId }: { ent: EntMerge; id?: string; testId?: string }) {
  const t = useT();
  const sentence = useEntSentence();
  const running = ent.status === 'accepted' || ent.status === 'running';
  return (
    <div className={`ent-statement ${ent.status}`} id={id} data-testid={testId}>
      <p className="ent-sentence">{sentence(ent)}</p>
      {running ? <ProgressBar label={t('ent.progress', { done: ent.progress.done, total: ent.progress.total })} done={ent.progress.done} total={ent.progress.total} /> : null}
    </div>
  );
}
