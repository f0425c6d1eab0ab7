/**
 * The decisions as a spreadsheet: exported (one school or several) so a spreadsheet opens it as is (UTF-8 with BOM,
 * `;`, formula-like cells neutralised), edited, imported back. The import is validated as a whole — every problem
 * named by line and column, in French — then applied all or nothing, as one undoable decision (`import`) per school.
 *
 * Columns scripts can rely on: `ecole`, `ancien_id`, `nouveau_id`, `decision` (`confirmer`, `refuser`, or empty:
 * undecided on export, « no change » on import). The other columns are there for the person reading the file.
 */
import { pairKey } from '../../../src-shared/domain/decision-state';
import { foldCase } from '../../../src-shared/domain/text';
import type { Problem } from '../../../src-shared/errors';
import { allows } from '../../../src-shared/domain/school-lifecycle';
import { keyedError } from '../../../src-shared/messages';
import { csvDocument } from '../csv/cells';
import { decodeText } from '../csv/decode';
import { detectDelimiter, parseDelimited } from '../csv/parse';
import type { LoadedSchool } from '../cache/snapshots';
import type { SchoolContext } from '../school/context';
import { decide } from '../school/decisions';

export const DECISION_COLUMNS = [
  'ecole', 'nom_ecole', 'ancien_id', 'nouveau_id', 'decision', 'statut', 'score', 'raisons',
  'nouvelle_classe', 'nouveau_nom', 'nouveau_prenom', 'nouvelle_naissance',
  'ancienne_classe', 'ancien_nom', 'ancien_prenom', 'ancienne_naissance', 'indices',
] as const;

const STATUT = { auto: 'proposée (sûre)', review: 'proposée (à vérifier)', manual: 'associée à la main', none: 'sans proposition' } as const;

type Pupil = LoadedSchool['newRoster']['pupils'][number];
const who = (p: Pupil | undefined): string[] => (p ? [p.classLabel, p.nom, p.prenom, p.dateNaissance ?? ''] : ['', '', '', '']);

/** The rows of one school: every proposal, every link made by hand, every account no row names yet. */
function schoolRows(loaded: LoadedSchool, state: ReturnType<SchoolContext['state']>): string[][] {
  const uai = loaded.school.uai;
  const name = loaded.school.name;
  const newById = new Map(loaded.newRoster.pupils.map((p) => [p.id, p]));
  const oldById = new Map(loaded.oldRoster.pupils.map((p) => [p.id, p]));
  const linkedOld = new Map([...state.links.values()].map((l) => [l.oldId, l.newId]));
  const named = { old: new Set<string>(), new: new Set<string>() };
  const rows: string[][] = [];
  const row = (oldId: string, newId: string, decision: string, statut: string, score: string, reasons: string, evidence: string): void => {
    if (oldId) named.old.add(oldId);
    if (newId) named.new.add(newId);
    rows.push([uai, name, oldId, newId, decision, statut, score, reasons, ...who(newById.get(newId)), ...who(oldById.get(oldId)), evidence]);
  };
  const proposed = new Set<string>();
  for (const p of loaded.matching.pairs) {
    proposed.add(pairKey(p.old, p.new));
    const linked = state.links.get(p.new)?.oldId === p.old;
    const other = !linked && (state.links.has(p.new) || linkedOld.has(p.old));
    const decision = linked ? 'confirmer' : state.refused.has(pairKey(p.old, p.new)) || other ? 'refuser' : '';
    const reasons = p.evidence.filter((e) => e.kind.startsWith('review:')).map((e) => e.detail).join(' ; ');
    const evidence = p.evidence.filter((e) => !e.kind.startsWith('review:')).map((e) => e.detail).join(' | ');
    row(p.old, p.new, decision, STATUT[p.status], p.score.toFixed(1).replace('.', ','), reasons, evidence);
  }
  for (const l of state.links.values()) if (!proposed.has(pairKey(l.oldId, l.newId))) row(l.oldId, l.newId, 'confirmer', STATUT.manual, '', '', '');
  for (const p of loaded.newRoster.pupils) if (!named.new.has(p.id)) row('', p.id, '', STATUT.none, '', '', '');
  for (const p of loaded.oldRoster.pupils) if (!named.old.has(p.id)) row(p.id, '', '', STATUT.none, '', state.optedOut.has(p.id) ? 'la famille a refusé que les données suivent' : '', '');
  return rows;
}

/** The decisions of the schools (every downloaded school when none is given) as CSV text. */
export function exportDecisions(ctx: SchoolContext, uais: readonly string[] | undefined): { csv: string; rows: number; fileName: string } {
  const targets = uais ?? ctx.snapshots.schools().filter((s) => s.newSnapshotId !== null && s.phase !== 'merged').map((s) => s.uai);
  const rows: string[][] = [];
  for (const uai of targets) rows.push(...schoolRows(ctx.loaded(uai), ctx.state(uai)));
  const fileName = targets.length === 1 ? `decisions-${targets[0]}.csv` : `decisions-${targets.length}-ecoles.csv`;
  return { csv: csvDocument(DECISION_COLUMNS, rows), rows: rows.length, fileName };
}

interface Planned { accept: Array<{ oldId: string; newId: string }>; link: Array<{ oldId: string; newId: string }>; refuse: Array<{ oldId: string; newId: string }> }

const REQUIRED = ['ecole', 'ancien_id', 'nouveau_id', 'decision'] as const;
const headerKey = (h: string): string => foldCase(h).replace(/^\ufeff/, '').replace(/[^a-z0-9_]/g, '');
/** A cell as written on export: a leading apostrophe only neutralised a formula. */
const cell = (v: string | undefined): string => {
  const t = (v ?? '').trim();
  return /^'[=+\-@\t\r]/.test(t) ? t.slice(1) : t;
};

/** Validates the whole file against the cached schools, then applies it as one decision per school, all or nothing. */
export function importDecisions(ctx: SchoolContext, bytes: Uint8Array): { schools: Array<{ uai: string; confirmed: number; refused: number }>; unchanged: number } {
  const { text } = decodeText(bytes);
  const records = parseDelimited(text, detectDelimiter(text), 'des décisions').filter((r) => r.fields.some((f) => f.trim() !== ''));
  const [header, ...body] = records;
  if (!header) throw keyedError('validation', 'decisions.import-empty', 'Le fichier des décisions est vide.');
  const columns = header.fields.map(headerKey);
  const index = Object.fromEntries(REQUIRED.map((c) => [c, columns.indexOf(c)])) as Record<(typeof REQUIRED)[number], number>;
  const missing = REQUIRED.filter((c) => index[c] < 0);
  if (missing.length > 0) {
    throw keyedError('validation', 'decisions.import-columns', 'Le fichier des décisions doit avoir les colonnes ecole, ancien_id, nouveau_id et decision (il manque : {missing}).', { missing: missing.join(', ') });
  }

  const problems: Problem[] = [];
  const problem = (line: number, column: string, message: string): void => {
    if (problems.length < 200) problems.push({ path: `ligne ${line}, colonne ${column}`, message });
  };
  const plans = new Map<string, Planned>();
  const schools = new Map<string, { loaded: LoadedSchool; state: ReturnType<SchoolContext['state']>; newIds: Set<string>; oldIds: Set<string>; proposed: Set<string> } | null>();
  const confirmedBy = new Map<string, number>(); // `${uai} old|new id` → line
  const decidedPair = new Map<string, { line: number; decision: string }>();
  let unchanged = 0;

  for (const record of body) {
    const line = record.line;
    const uai = cell(record.fields[index.ecole]).toUpperCase();
    const oldId = cell(record.fields[index.ancien_id]);
    const newId = cell(record.fields[index.nouveau_id]);
    const raw = foldCase(cell(record.fields[index.decision]));
    const decision = raw === '' ? '' : raw === 'confirmer' ? 'confirmer' : raw === 'refuser' ? 'refuser' : null;
    if (decision === null) {
      problem(line, 'decision', `« ${cell(record.fields[index.decision]).slice(0, 40)} » n'est pas une décision : écrivez confirmer, refuser, ou laissez vide.`);
      continue;
    }
    if (!schools.has(uai)) {
      const stored = /^\d{7}[A-Z]$/.test(uai) ? ctx.snapshots.school(uai) : null;
      if (!stored || stored.phase === 'merged' || !allows(ctx.phase(uai), 'decide')) schools.set(uai, null);
      else {
        const loaded = ctx.loaded(uai);
        schools.set(uai, {
          loaded,
          state: ctx.state(uai),
          newIds: new Set(loaded.newRoster.pupils.map((p) => p.id)),
          oldIds: new Set(loaded.oldRoster.pupils.map((p) => p.id)),
          proposed: new Set(loaded.matching.pairs.map((p) => pairKey(p.old, p.new))),
        });
      }
    }
    const school = schools.get(uai);
    if (!school) {
      if (decision !== '') problem(line, 'ecole', uai ? `l'école ${uai.slice(0, 12)} n'est pas téléchargée sur cet ordinateur, ou ses décisions ne peuvent plus changer (lot envoyé, école rapprochée).` : "l'école (UAI) manque.");
      else unchanged++;
      continue;
    }
    if (decision === '') {
      unchanged++;
      continue;
    }
    if (!oldId || !newId) {
      problem(line, !oldId ? 'ancien_id' : 'nouveau_id', `« ${decision} » demande un ancien compte et un élève de cette année sur la même ligne.`);
      continue;
    }
    let bad = false;
    if (!school.oldIds.has(oldId)) {
      problem(line, 'ancien_id', `ancien compte inconnu dans la liste de l'an dernier de l'école ${uai}.`);
      bad = true;
    }
    if (!school.newIds.has(newId)) {
      problem(line, 'nouveau_id', `élève inconnu dans la liste de cette année de l'école ${uai}.`);
      bad = true;
    }
    if (bad) continue;
    const plan = plans.get(uai) ?? { accept: [], link: [], refuse: [] };
    plans.set(uai, plan);
    const pair = { oldId, newId };
    const pk = `${uai} ${pairKey(oldId, newId)}`;
    const seen = decidedPair.get(pk);
    if (seen) {
      if (seen.decision !== decision) problem(line, 'decision', `la même association est « ${seen.decision} » à la ligne ${seen.line} : choisissez l'une ou l'autre.`);
      else unchanged++;
      continue;
    }
    decidedPair.set(pk, { line, decision });
    if (decision === 'confirmer') {
      for (const [side, id, column] of [['old', oldId, 'ancien_id'], ['new', newId, 'nouveau_id']] as const) {
        const key = `${uai} ${side} ${id}`;
        const first = confirmedBy.get(key);
        if (first !== undefined) problem(line, column, `ce compte est déjà confirmé avec un autre à la ligne ${first} : un enfant n'a qu'un compte de chaque année.`);
        else confirmedBy.set(key, line);
      }
      if (school.state.links.get(newId)?.oldId === oldId) unchanged++;
      else (school.proposed.has(pairKey(oldId, newId)) ? plan.accept : plan.link).push(pair);
    } else {
      const linked = school.state.links.get(newId)?.oldId === oldId;
      if (!linked && school.state.refused.has(pairKey(oldId, newId))) unchanged++;
      else plan.refuse.push(pair);
    }
  }
  if (problems.length > 0) {
    throw keyedError('validation', 'decisions.import-invalid', "Le fichier des décisions n'a pas été importé : {n} {n:problème|problèmes} à corriger (rien n'a été changé).", { n: problems.length }, problems);
  }

  const applied: Array<{ uai: string; confirmed: number; refused: number }> = [];
  ctx.o.cache.db.transaction(() => {
    for (const [uai, plan] of plans) {
      if (plan.accept.length + plan.link.length + plan.refuse.length === 0) continue;
      decide(ctx, uai, { kind: 'import', ...plan });
      applied.push({ uai, confirmed: plan.accept.length + plan.link.length, refused: plan.refuse.length });
    }
  })();
  return { schools: applied, unchanged };
}
