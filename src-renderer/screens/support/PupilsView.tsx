import { useEffect, useMemo, useRef, useState } from 'react';
import type { DiagnosticStep } from '../../../src-shared/rpc/diagnostic';
import { useT } from '../../i18n';
import { formatScore, frenchDate } from '../../components/format';
import { buildIndex, buildModel, pairKey, reasonsOf } from '../pupils/model';
import { WhyDialog } from '../pupils/WhyDialog';
import type { Workspace } from '../../store/links';

/**
 * The pupils screen as it stood at a step, read-only: the same model as the director's (`pupils/model.ts`: links,
 * proposals still undecided by the shared rule book, counts per class), one class at a time, each pupil with the
 * old account associated, the proposal waiting or the refusal, and « Pourquoi ? » (the director's WhyDialog, which
 * decides nothing here). The step's pupils are marked and scrolled to; their class opens.
 */
export function PupilsView({ workspace: ws, focus, stepKey }: { workspace: Workspace; focus: DiagnosticStep['focus']; stepKey: string }) {
  const t = useT();
  const index = useMemo(() => buildIndex(ws), [ws]);
  const model = useMemo(() => buildModel(index, ws), [index, ws]);
  const focused = useMemo(() => new Set(focus.newIds), [focus]);
  const focusedOld = useMemo(() => new Set(focus.oldIds), [focus]);
  const refusedByNew = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const r of ws.refused) map.set(r.newId, [...(map.get(r.newId) ?? []), r.oldId]);
    return map;
  }, [ws]);
  const fallback = model.classes.find((c) => c.undecided > 0)?.id ?? model.classes[0]?.id ?? null;
  const [classId, setClassId] = useState<string | null>(null);
  const [whyFor, setWhyFor] = useState<string | null>(null);
  const table = useRef<HTMLTableElement>(null);
  // The step's class opens (the class of its first pupil, or of the old account it is about), then its pupils are in view.
  useEffect(() => {
    const oldClass = focus.oldIds.map((id) => model.newByOld.get(id)).find(Boolean);
    const wanted = focus.classId ?? (oldClass ? (model.newById.get(oldClass)?.classId ?? null) : null);
    if (wanted && model.classes.some((c) => c.id === wanted)) setClassId(wanted);
    // Only when the step changes.
  }, [stepKey]);
  useEffect(() => {
    table.current?.querySelector('.focus')?.scrollIntoView({ block: 'nearest' });
  }, [stepKey, classId]);
  const current = model.classes.find((c) => c.id === (classId ?? fallback)) ?? model.classes[0] ?? null;
  const pupils = current ? (model.pupilsByClass.get(current.id) ?? []) : [];
  const unassigned = model.unassigned;

  const why = whyFor ? model.newById.get(whyFor) : undefined;
  const whyLink = whyFor ? model.linkByNew.get(whyFor) : undefined;
  const whyPending = whyFor && !whyLink ? model.undecidedByNew.get(whyFor) : undefined;
  // A refused proposal still says why it was made: its old account is the proposal's.
  const whyOldId = whyLink?.oldId ?? (whyPending ?? (whyFor ? model.proposalByNew.get(whyFor) : undefined))?.old;
  const whyOld = whyOldId ? model.oldById.get(whyOldId) : undefined;
  const whyProposal = whyFor && whyOld ? (model.proposalByPair.get(pairKey(whyOld.id, whyFor)) ?? null) : null;
  const label = (l: string) => l || t('pupils.noClass');

  return (
    <div className="assist-pupils" data-testid="assist-pupils">
      <p role="status" data-testid="assist-pupils-totals">
        {t('assist.pupils.totals', { linked: model.totals.linked, total: model.totals.newPupils, undecided: model.totals.undecided })}
      </p>
      <nav aria-label={t('assist.pupils.classes')} className="class-tabs">
        {model.classes.map((c) => (
          <button key={c.id} type="button" className={`tab${c.id === current?.id ? ' current' : ''}`} aria-pressed={c.id === current?.id} onClick={() => setClassId(c.id)} data-testid={`assist-class-${c.id}`} data-undecided={c.undecided}>
            {label(c.label)} <span className="count">{c.linked}/{c.pupils}</span>
            {c.undecided > 0 ? <span className="count review">{t('pupils.tab.undecided', { n: c.undecided })}</span> : null}
          </button>
        ))}
      </nav>
      <table className="assist-table" ref={table}>
        <caption className="visually-hidden">{current ? label(current.label) : ''}</caption>
        <thead>
          <tr>
            <th scope="col">{t('assist.pupils.new')}</th>
            <th scope="col">{t('assist.pupils.old')}</th>
            <th scope="col">{t('assist.pupils.state')}</th>
          </tr>
        </thead>
        <tbody>
          {pupils.map((p) => {
            const name = `${p.prenom} ${p.nom}`;
            const link = model.linkByNew.get(p.id);
            const linkedOld = link ? model.oldById.get(link.oldId) : undefined;
            const linkedProposal = link ? model.proposalByPair.get(pairKey(link.oldId, link.newId)) : undefined;
            const pending = link ? undefined : model.undecidedByNew.get(p.id);
            const pendingOld = pending ? model.oldById.get(pending.old) : undefined;
            const refused = (refusedByNew.get(p.id) ?? []).map((id) => model.oldById.get(id)).filter((o) => o !== undefined);
            const isFocus = focused.has(p.id) || (link !== undefined && focusedOld.has(link.oldId)) || (pending !== undefined && focusedOld.has(pending.old));
            const state = link
              ? link.origin === 'manual'
                ? t('status.manual')
                : linkedProposal?.status === 'auto'
                  ? t('status.auto')
                  : t('status.confirmed')
              : pending
                ? t(pending.status === 'auto' ? 'status.auto' : 'status.review')
                : null;
            const other = linkedOld ?? pendingOld;
            return (
              <tr key={p.id} className={`${isFocus ? 'focus' : ''}${pending ? ' review' : ''}`} data-testid={`assist-new-${p.id}`} data-state={link ? 'linked' : pending ? 'pending' : refused.length > 0 ? 'refused' : 'none'}>
                <th scope="row">
                  <span className="name">
                    {p.nom} {p.prenom}
                  </span>
                  <span className="muted small"> {p.niveau ?? '—'} · {frenchDate(p.dateNaissance)}</span>
                  {isFocus ? <span className="badge assist-focus-badge">{t('assist.focus')}</span> : null}
                </th>
                <td>
                  {other ? (
                    <>
                      <span className="name">
                        {other.nom} {other.prenom}
                      </span>
                      <span className="muted small">
                        {' '}
                        {other.classLabel} · {frenchDate(other.dateNaissance)}
                      </span>
                    </>
                  ) : refused.length > 0 ? (
                    <span>{refused.map((o) => t('assist.pupils.refused', { name: `${o.nom} ${o.prenom}` })).join(' ; ')}</span>
                  ) : (
                    <span className="muted">{t('assist.pupils.none')}</span>
                  )}
                  {pending ? <span className="reasons small row-reasons"> {reasonsOf(pending).join(' · ')}</span> : null}
                </td>
                <td>
                  {state ? (
                    <span className={`badge ${link ? (link.origin === 'manual' ? 'manual' : linkedProposal?.status === 'auto' ? 'auto' : 'confirmed') : pending?.status === 'auto' ? 'auto' : 'review'}`}>
                      {state}
                      {(linkedProposal ?? pending) ? ` · ${formatScore((linkedProposal ?? pending)?.score ?? 0)}` : ''}
                    </span>
                  ) : null}{' '}
                  {other || model.proposalByNew.has(p.id) ? (
                    <button type="button" className="link small" onClick={() => setWhyFor(p.id)} aria-label={t('pupils.why.aria', { name })}>
                      {t('pupils.why')}
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <details className="assist-unassigned">
        <summary>{t('assist.pupils.unassigned', { n: unassigned.length })}</summary>
        <ul className="names wide">
          {unassigned.map(({ pupil: o }) => (
            <li key={o.id} className={focusedOld.has(o.id) ? 'focus' : ''} data-testid={`assist-old-${o.id}`}>
              <span className="name">
                {o.nom} {o.prenom}
              </span>{' '}
              <span className="muted small">
                {o.classLabel} · {frenchDate(o.dateNaissance)}
              </span>
            </li>
          ))}
        </ul>
      </details>
      {why ? (
        <WhyDialog
          newPupil={why}
          oldPupil={whyOld ?? null}
          proposal={whyProposal}
          manual={whyLink?.origin === 'manual'}
          optedOut={whyOld ? ws.optedOut.includes(whyOld.id) : false}
          onOptOut={null}
          onDecide={null}
          onClose={() => setWhyFor(null)}
        />
      ) : null}
    </div>
  );
}
