import { useRef, type ChangeEvent } from 'react';
import { useT } from '../../i18n';
import { saveTextFile } from '../../components/download';
import { useReferentStore } from '../../store/referent';
import { base64Of, type BoardRow } from './model';

/** The files a spreadsheet may hold (the core refuses anything larger with a French error anyway). */
const MAX_BYTES = 25 * 1024 * 1024;

/**
 * The decisions as a spreadsheet: « Exporter les décisions (CSV) » of the selected schools (or all), edited, then
 * « Importer un fichier de décisions »: checked as a whole by the core, refused with every problem by line and
 * column, or applied as one undoable decision per school.
 */
export function Spreadsheet({ exportable }: { exportable: BoardRow[] | null }) {
  const t = useT();
  const busy = useReferentStore((s) => s.busy);
  const imported = useReferentStore((s) => s.imported);
  const importError = useReferentStore((s) => s.importError);
  const undoable = useReferentStore((s) => s.undoable);
  const board = useReferentStore((s) => s.board);
  const input = useRef<HTMLInputElement>(null);
  const nameOf = (uai: string) => board?.rows.find((r) => r.uai === uai)?.name ?? uai;

  const exportNow = async () => {
    const out = await useReferentStore.getState().exportDecisions(exportable ? exportable.map((r) => r.uai) : null);
    if (out) saveTextFile(out.csv, out.fileName);
  };
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      useReferentStore.getState().refuseFile(t('sheet.tooBig'));
    } else {
      await useReferentStore.getState().importDecisions(base64Of(new Uint8Array(await file.arrayBuffer())));
    }
    // The same file can be chosen again after a correction.
    if (input.current) input.current.value = '';
  };

  return (
    <section className="sheet section" aria-labelledby="sheet-title">
      <h3 id="sheet-title">{t('sheet.title')}</h3>
      <p className="hint">{t('sheet.intro')}</p>
      <div className="sheet-controls">
        <button type="button" className="secondary" onClick={() => void exportNow()} disabled={busy !== null || (exportable !== null && exportable.length === 0)} data-testid="export-decisions">
          {exportable ? t('sheet.export.selected', { n: exportable.length }) : t('sheet.export.all')}
        </button>
        <label htmlFor="decisions-file" className="sheet-import">
          {t('sheet.import')}
        </label>
        <input id="decisions-file" ref={input} type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e)} disabled={busy !== null} data-testid="import-decisions" />
      </div>
      {importError ? (
        <div className="alert alert-error" role="alert" data-testid="import-error">
          <p>{importError.message}</p>
          {importError.problems.length > 0 ? (
            <ul className="import-problems">
              {importError.problems.map((p, i) => (
                <li key={i}>
                  <strong>{p.path}</strong> : {p.message}
                </li>
              ))}
            </ul>
          ) : null}
          <button type="button" className="link" onClick={() => useReferentStore.getState().dismissImport()}>
            {t('common.dismiss')}
          </button>
        </div>
      ) : null}
      {imported ? (
        <div className="alert alert-info" role="status" data-testid="import-done">
          <p>{imported.schools.length > 0 ? t('sheet.imported', { n: imported.schools.length }) : t('sheet.imported.nothing')}</p>
          <ul>
            {imported.schools.map((s) => (
              <li key={s.uai} data-testid={`import-school-${s.uai}`}>
                <strong>{nameOf(s.uai)}</strong> : {t('sheet.imported.school', { confirmed: s.confirmed, refused: s.refused })}{' '}
                {undoable[s.uai] ? (
                  <button type="button" className="link small" onClick={() => void useReferentStore.getState().undo(s.uai)} disabled={busy !== null} aria-label={t('sheet.undo.aria', { school: nameOf(s.uai) })}>
                    {t('sheet.undo')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          {imported.schools.length > 0 ? <p className="small">{t('sheet.imported.undo')}</p> : null}
          {imported.unchanged > 0 ? <p className="small">{t('sheet.imported.unchanged', { n: imported.unchanged })}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
