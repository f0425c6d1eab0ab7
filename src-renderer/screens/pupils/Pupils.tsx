import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DragDropContext, Draggable, Droppable, type DragStart, type DropResult, type ResponderProvided } from '@hello-pangea/dnd';
import { useT } from '../../i18n';
import { ErrorAlert } from '../../components/Alert';
import { folded } from '../../components/format';
import { ProgressBar } from '../../components/ProgressBar';
import { VirtualList } from '../../components/VirtualList';
import { useSchoolStore } from '../../store/school';
import { BulkDialog } from './BulkDialog';
import { ClassBar } from './ClassBar';
import { usePupilsLayout } from './layout';
import { buildIndex, buildModel, pairKey, reasonsOf, searchNewPupils, undecidedFor, type OldPupil } from './model';
import { NewPupilRow, OLD_ROW_HEIGHT, OldCard } from './rows';
import { WhyDialog } from './WhyDialog';
import type { Proposal } from '../../../src-shared/domain/matching';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * Screen 5, the three columns: left the new pupils of the chosen class, middle the old account associated
 * with each (drop target, score, "Pourquoi ?"), right the old accounts not associated yet (search, filter).
 * Drag and drop, or keyboard: Enter on an old account selects it, Enter on a new pupil associates it. Every
 * proposal nobody decided yet is shown with its reasons, to confirm or refuse one by one or per class. A search
 * above the left column looks through every class (each result says its class); the right column's search
 * covers every old class. Small windows (1024×768, 1366×768 at 125 %): see `layout.ts`.
 */
export function Pupils() {
  const t = useT();
  const { workspace: ws, status, error, busy, focusClass, decide, undo, redo, go, focus, clearError } = useSchoolStore();
  const newRoster = ws?.newRoster;
  const oldRoster = ws?.oldRoster;
  const matching = ws?.matching;
  const index = useMemo(() => (newRoster && oldRoster && matching ? buildIndex({ newRoster, oldRoster, matching }) : null), [newRoster, oldRoster, matching]);
  const links = ws?.links;
  const refused = ws?.refused;
  const model = useMemo(() => (index && links && refused ? buildModel(index, { links, refused }) : null), [index, links, refused]);
  // Rows get the same pending object until their own pair changes (they are memoised).
  const pendingByNew = useMemo(() => {
    const map = new Map<string, { proposal: Proposal; old: OldPupil; reasons: string[] }>();
    if (model) for (const list of model.undecidedByClass.values()) for (const u of list) map.set(u.new.id, { proposal: u.proposal, old: u.old, reasons: reasonsOf(u.proposal) });
    return map;
  }, [model]);
  // The class asked for (the review screen's link), else the first one with something left to decide; then kept.
  const [classId, setClassId] = useState<string | null>(focusClass);
  const [bulk, setBulk] = useState<'accept' | 'refuse' | null>(null);
  const [selectedOld, setSelectedOld] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [newSearch, setNewSearch] = useState('');
  const layout = usePupilsLayout();
  const [oldClass, setOldClass] = useState('');
  const [whyFor, setWhyFor] = useState<string | null>(null);
  // Mouse drags: the slot under the pointer decides (the library's own choice lags one row behind when small
  // drop targets are stacked, because it grows the target being hovered). Keyboard drags use the library's.
  const [overSlot, setOverSlot] = useState<string | null>(null);
  const pointerSlot = useRef<string | null>(null);
  const stopTracking = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (classId === null && model) setClassId(model.classes.find((c) => c.undecided > 0)?.id ?? model.classes[0]?.id ?? null);
  }, [classId, model]);
  const currentClass = classId ?? model?.classes.find((c) => c.undecided > 0)?.id ?? model?.classes[0]?.id ?? null;
  const searching = newSearch.trim() !== '';
  const found = useMemo(() => (index && searching ? searchNewPupils(index, newSearch) : []), [index, searching, newSearch]);
  const pupils = searching ? found : (currentClass && model?.pupilsByClass.get(currentClass)) || [];
  const visibleOld = useMemo(() => {
    if (!model) return [];
    const q = folded(search.trim());
    return model.unassigned.filter((u) => (!oldClass || u.pupil.classId === oldClass) && (!q || u.key.includes(q))).map((u) => u.pupil);
  }, [model, search, oldClass]);

  // Callbacks read the latest model through a ref: rows keep the same handlers and only re-render when their own data change.
  const modelRef = useRef(model);
  modelRef.current = model;
  const associate = useCallback(
    async (oldId: string, newId: string) => {
      const kind = modelRef.current?.proposalByPair.has(pairKey(oldId, newId)) ? 'accept' : 'link';
      if (await decide({ kind, oldId, newId })) setSelectedOld(null);
    },
    [decide],
  );
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selectedOld;
  const onAssociate = useCallback((newId: string) => {
    if (selectedRef.current) void associate(selectedRef.current, newId);
  }, [associate]);
  const onAccept = useCallback((oldId: string, newId: string) => void associate(oldId, newId), [associate]);
  const onRefuse = useCallback((oldId: string, newId: string) => void decide({ kind: 'refuse', oldId, newId }), [decide]);
  const onUnlink = useCallback((newId: string) => void decide({ kind: 'unlink', newId }), [decide]);
  const onSelectOld = useCallback((oldId: string) => setSelectedOld((s) => (s === oldId ? null : oldId)), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTyping(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void undo();
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        void redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  const oldName = (draggableId: string): string => {
    const pupil = modelRef.current?.oldById.get(draggableId.slice(draggableId.indexOf(':') + 1));
    return pupil ? `${pupil.prenom} ${pupil.nom}` : '';
  };
  const onDragStart = (start: DragStart, provided: ResponderProvided) => {
    // Screen readers hear the library's announcements in the app's language.
    provided.announce(t('dnd.lifted', { name: oldName(start.draggableId) }));
    pointerSlot.current = null;
    if (start.mode !== 'FLUID') return;
    const track = (e: MouseEvent) => {
      const under = document.elementsFromPoint(e.clientX, e.clientY);
      const slot = under.map((el) => el.closest<HTMLElement>('[data-slot]')).find(Boolean);
      const id = slot?.dataset.slot ?? (under.some((el) => el.closest('.old-column')) ? 'unassigned' : null);
      if (id !== pointerSlot.current) {
        pointerSlot.current = id;
        setOverSlot(id);
      }
    };
    window.addEventListener('mousemove', track, { passive: true });
    stopTracking.current = () => window.removeEventListener('mousemove', track);
  };

  const onDragEnd = (result: DropResult, provided: ResponderProvided) => {
    const { source, draggableId } = result;
    provided.announce(result.reason === 'CANCEL' ? t('dnd.cancelled') : t('dnd.dropped', { name: oldName(draggableId) }));
    const byPointer = stopTracking.current !== null;
    stopTracking.current?.();
    stopTracking.current = null;
    setOverSlot(null);
    const target = byPointer ? (pointerSlot.current === null ? null : pointerSlot.current === 'unassigned' ? 'unassigned' : `new:${pointerSlot.current}`) : (result.destination?.droppableId ?? null);
    if (!target || result.reason === 'CANCEL' || target === source.droppableId) return;
    const oldId = draggableId.slice(draggableId.indexOf(':') + 1);
    if (target.startsWith('new:')) void associate(oldId, target.slice(4));
    else if (target === 'unassigned' && source.droppableId.startsWith('new:')) onUnlink(source.droppableId.slice(4));
  };

  if (!ws || !model) return <ProgressBar label={t('loading')} />;
  const why = whyFor ? model.newById.get(whyFor) : undefined;
  const whyLink = whyFor ? model.linkByNew.get(whyFor) : undefined;
  const whyReview = whyFor && !whyLink ? undecidedFor(model, whyFor) : null;
  const classCount = model.classes.find((c) => c.id === currentClass) ?? null;
  const classPending = (currentClass && model.undecidedByClass.get(currentClass)) || [];
  const surePending = [...model.undecidedByClass.values()].flat().filter((u) => u.proposal.status === 'auto');
  const pairsOf = (list: typeof classPending) => list.map((u) => ({ oldId: u.old.id, newId: u.new.id }));
  const { undecided, undecidedAuto } = model.totals;
  const whyOld = whyLink ? model.oldById.get(whyLink.oldId) : whyReview ? model.oldById.get(whyReview.old) : undefined;
  const whyProposal = whyFor && whyOld ? (model.proposalByPair.get(pairKey(whyOld.id, whyFor)) ?? null) : null;

  return (
    <main className="card wide" aria-labelledby="pupils-title">
      <h2 id="pupils-title">{t('pupils.title')}</h2>
      <p>{t('pupils.intro')}</p>
      <div className="toolbar">
        <p className="totals" role="status" data-testid="pupils-totals">
          {t('pupils.totals', { linked: model.totals.linked, total: model.totals.newPupils, fresh: model.totals.withoutOld })}
        </p>
        <button type="button" className="secondary" onClick={() => void undo()} disabled={!ws.canUndo || busy !== null} aria-keyshortcuts="Control+Z">
          {t('pupils.undo')}
        </button>
        <button type="button" className="secondary" onClick={() => void redo()} disabled={!ws.canRedo || busy !== null} aria-keyshortcuts="Control+Y">
          {t('pupils.redo')}
        </button>
      </div>
      <div className={`undecided-line ${undecided > 0 ? 'left' : 'settled'}`} role="status" data-testid="pupils-undecided">
        <strong>{undecided === 0 ? t('pupils.undecided.none') : undecidedAuto > 0 ? t('pupils.undecided.sure', { n: undecided, sure: undecidedAuto }) : t('pupils.undecided', { n: undecided })}</strong>
        {undecided > 0 ? <span> {t('pupils.undecided.hint')}</span> : null}
        {surePending.length > 0 ? (
          <button type="button" className="small" onClick={() => void decide({ kind: 'accept-pairs', pairs: pairsOf(surePending) })} disabled={busy !== null}>
            {t('pupils.acceptSure', { n: surePending.length })}
          </button>
        ) : null}
      </div>
      <ErrorAlert error={error} onClose={clearError} />
      <ClassBar
        classes={model.classes}
        current={classCount}
        onChoose={(id) => {
          setClassId(id);
          setNewSearch('');
          focus(id);
        }}
        onBulk={setBulk}
      />
      <p className="hint" id="pupils-keyboard">{t('pupils.keyboard')}</p>
      <DragDropContext onDragStart={onDragStart} onDragEnd={onDragEnd} dragHandleUsageInstructions={t('dnd.instructions')}>
        <div className={`columns${layout.narrow ? ' narrow' : ''}`}>
          <section className="column new-column" aria-labelledby="col-new">
            <div className="filters">
              <label htmlFor="new-search">{t('pupils.newSearch')}</label>
              <input id="new-search" type="search" value={newSearch} onChange={(e) => setNewSearch(e.target.value)} />
            </div>
            {searching ? (
              <p className="hint" role="status" data-testid="new-search-status">
                {found.length === 0 ? t('pupils.newSearch.none') : t('pupils.newSearch.found', { n: found.length })}
              </p>
            ) : null}
            <div className="column-head">
              <h3 id="col-new">{t('pupils.col.new')}</h3>
              <h3>{t('pupils.col.old')}</h3>
            </div>
            <VirtualList
              count={pupils.length}
              rowHeight={layout.newRowHeight}
              height={layout.listHeight}
              label={t('pupils.col.new')}
              threshold={120}
              renderRow={(i) => {
                const p = pupils[i];
                if (!p) return null;
                const link = model.linkByNew.get(p.id) ?? null;
                const linkedOld = link ? (model.oldById.get(link.oldId) ?? null) : null;
                return (
                  <NewPupilRow
                    pupil={p}
                    link={link}
                    linkedOld={linkedOld}
                    linkedProposal={link ? (model.proposalByPair.get(pairKey(link.oldId, link.newId)) ?? null) : null}
                    pending={pendingByNew.get(p.id) ?? null}
                    hasSelection={selectedOld !== null}
                    linkedSelected={link !== null && selectedOld === link.oldId}
                    over={overSlot === p.id}
                    showClass={searching}
                    onAssociate={onAssociate}
                    onAccept={onAccept}
                    onRefuse={onRefuse}
                    onUnlink={onUnlink}
                    onWhy={setWhyFor}
                    onSelectOld={onSelectOld}
                  />
                );
              }}
            />
          </section>
          <section className="column old-column" aria-labelledby="col-unassigned">
            <h3 id="col-unassigned">
              {t('pupils.col.unassigned')} <span className="count">{model.unassigned.length}</span>
            </h3>
            <div className="filters">
              <label htmlFor="old-search">{t('pupils.search')}</label>
              <input id="old-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
              <label htmlFor="old-class">{t('pupils.filter')}</label>
              <select id="old-class" value={oldClass} onChange={(e) => setOldClass(e.target.value)}>
                <option value="">{t('pupils.filter.all')}</option>
                {model.oldClasses.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
            <Droppable
              droppableId="unassigned"
              mode="virtual"
              renderClone={(provided, _snapshot, rubric) => {
                const oldId = rubric.draggableId.slice(rubric.draggableId.indexOf(':') + 1);
                const pupil = model.oldById.get(oldId);
                return pupil ? <OldCard pupil={pupil} provided={provided} selected={false} onSelect={() => undefined} dragging /> : <div ref={provided.innerRef} {...provided.draggableProps} />;
              }}
            >
              {(provided, snapshot) => (
                <VirtualList
                  count={visibleOld.length}
                  rowHeight={OLD_ROW_HEIGHT}
                  height={layout.listHeight}
                  threshold={0}
                  label={t('pupils.col.unassigned')}
                  className={overSlot === 'unassigned' || (stopTracking.current === null && snapshot.isDraggingOver) ? 'over' : ''}
                  outerRef={provided.innerRef}
                  outerProps={provided.droppableProps}
                  renderRow={(i) => {
                    const pupil = visibleOld[i];
                    if (!pupil) return null;
                    return (
                      <Draggable draggableId={`old:${pupil.id}`} index={i} key={pupil.id}>
                        {(p) => <OldCard pupil={pupil} provided={p} selected={selectedOld === pupil.id} onSelect={() => onSelectOld(pupil.id)} />}
                      </Draggable>
                    );
                  }}
                />
              )}
            </Droppable>
            {visibleOld.length === 0 ? <p className="muted">{t('pupils.unassigned.none')}</p> : null}
          </section>
        </div>
      </DragDropContext>
      {why ? (
        <WhyDialog
          newPupil={why}
          oldPupil={whyOld ?? null}
          proposal={whyProposal}
          manual={whyLink?.origin === 'manual'}
          optedOut={whyOld ? ws.optedOut.includes(whyOld.id) : false}
          onOptOut={whyLink && whyOld ? (optedOut) => void decide({ kind: 'opt-out', oldId: whyOld.id, optedOut }) : null}
          onDecide={
            whyReview && why
              ? (accept) => {
                  setWhyFor(null);
                  void decide(accept ? { kind: 'accept', oldId: whyReview.old, newId: why.id } : { kind: 'refuse', oldId: whyReview.old, newId: why.id });
                }
              : null
          }
          onClose={() => setWhyFor(null)}
        />
      ) : null}
      {bulk && classCount && classPending.length > 0 ? (
        <BulkDialog
          mode={bulk}
          classLabel={classCount.label || t('pupils.noClass')}
          pairs={classPending}
          onClose={() => setBulk(null)}
          onConfirm={() => {
            const pairs = pairsOf(classPending);
            setBulk(null);
            void decide(bulk === 'accept' ? { kind: 'accept-pairs', pairs } : { kind: 'refuse-pairs', pairs });
          }}
        />
      ) : null}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => go('spaces')}>
          {t('common.previous')}
        </button>
        <button type="button" onClick={() => go('review')} disabled={status?.counts === null}>
          {t('pupils.next')}
        </button>
      </div>
    </main>
  );
}
