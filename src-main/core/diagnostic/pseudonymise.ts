/**
 * A bundle without real people (the default of « Exporter un diagnostic »): names replaced consistently (the same
 * child has the same made-up name everywhere in the bundle, and a pair's old name differs from its new one in the
 * same way as the real ones did), birth dates moved by one secret offset, ids, e-mails and logins hashed with a
 * secret that exists only while the bundle is built. The matching's evidence is worded again on the made-up names.
 * School names and codes stay (they are public); timestamps stay (they are the session's timeline).
 */
import { randomBytes } from 'node:crypto';
import { PERSON_PARAM_KEYS } from '../../../src-shared/log-privacy';
import { describeNameMatch, type NameRole } from '../matching/compare-names';
import { nameFeatures } from '../matching/features';
import { compact, fold } from '../matching/normalize';
import type { Bundle, SchoolBundle } from './bundle';
import { Pseudonyms } from './pseudonyms';

interface FakePerson {
  nom: string;
  prenom: string;
  dateNaissance?: string | null;
  email?: string;
}

type Pupil = NonNullable<SchoolBundle['rosters']>['new']['pupils'][number];

/** Values that are codes, enums, versions or times: never a person. */
const KEPT_KEYS = new Set([
  'kind', 'status', 'state', 'code', 'key', 'field', 'action', 'target', 'reasons', 'levels', 'niveau', 'sexe', 'year', 'phase', 'role',
  'method', 'format', 'host', 'level', 'lastError', 'appIds', 'apps', 'personalApps', 'schoolSpaceApps', 'version', 'baseVersions', 'versions',
  'uai', 'schoolUai', 'at', 'createdAt', 'updatedAt', 'pulledAt', 'acceptedAt', 'finishedAt', 'confirmedAt', 'credentialsReleasedAt', 'time',
  'serverUrl', 'acceptedByRole', 'platform', 'release', 'arch', 'node', 'electron', 'locale', 'timeZone', 'decision',
]);
const IDENTICAL = new Set(['exact', 'case', 'accents', 'separators']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The same bundle about made-up people. `secret` only for tests: by default a fresh one, forgotten once done. */
export function pseudonymise(bundle: Bundle, secret: Buffer = randomBytes(32)): Bundle {
  const words = new Set<string>();
  const dates = new Set<string>();
  const ids = new Set<string>();
  const emails = new Set<string>();
  const logins = new Set<string>();
  const schoolNames = new Set<string>();
  const addName = (raw: string | null | undefined): void => {
    for (const w of (raw ?? '').matchAll(/\p{L}+/gu)) {
      const folded = compact(fold(w[0]));
      if (folded.length >= 2) words.add(folded);
    }
  };
  const addPerson = (p: { id?: string; nom: string; prenom: string; dateNaissance?: string | null; email?: string }): void => {
    addName(p.nom);
    addName(p.prenom);
    if (p.id) ids.add(p.id);
    if (p.dateNaissance) dates.add(p.dateNaissance);
    if (p.email) emails.add(p.email);
  };
  if (bundle.account) {
    addPerson(bundle.account);
    logins.add(bundle.account.login);
  }
  for (const school of bundle.schools) {
    schoolNames.add(school.name);
    if (school.receipt) schoolNames.add(school.receipt.schoolName);
    addName(school.ent?.acceptedByName);
    if (school.ent) ids.add(school.ent.id);
    for (const row of school.outbox) {
      ids.add(row.idempotencyKey);
      if (row.mergeId) ids.add(row.mergeId);
    }
    if (school.receipt) {
      ids.add(school.receipt.idempotencyKey);
      if (school.receipt.mergeId) ids.add(school.receipt.mergeId);
    }
    for (const a of [...school.activity, ...bundle.activity]) {
      if (a.data.mergeId) ids.add(a.data.mergeId);
      if (a.data.idempotencyKey) ids.add(a.data.idempotencyKey);
      // Parameters naming a person (`{name}`, `{who}`…): their words are replaced like a roster's names.
      for (const [k, v] of Object.entries(a.data.error?.params ?? {})) if (typeof v === 'string' && PERSON_PARAM_KEYS.has(k.toLowerCase().replace(/[-_]/g, ''))) addName(v);
    }
    const r = school.rosters;
    if (!r) continue;
    schoolNames.add(r.new.name);
    schoolNames.add(r.old.name);
    for (const p of [...r.new.pupils, ...r.old.pupils, ...r.new.teachers, ...r.old.teachers, ...r.new.parents]) addPerson(p);
    for (const c of [...r.new.classes, ...r.old.classes]) ids.add(c.id);
    for (const c of r.old.classes) ids.add(c.spaceId);
    if (r.old.schoolSpace) ids.add(r.old.schoolSpace.spaceId);
  }

  // The pairs whose day and month were inverted: the offset keeps as many of them invertible as it can.
  const swapped = bundle.schools.flatMap((school) => {
    const r = school.rosters;
    if (!r) return [];
    const byId = new Map(r.new.pupils.map((x) => [x.id, x.dateNaissance]));
    return r.matching.pairs.filter((pair) => pair.evidence.some((e) => e.kind === 'day-month-swapped')).flatMap((pair) => byId.get(pair.new) ?? []);
  });
  // Likewise the pairs whose old date was a « 01/01 » placeholder of the same year.
  const placeholders = bundle.schools.flatMap((school) => {
    const r = school.rosters;
    if (!r) return [];
    const byId = new Map(r.new.pupils.map((x) => [x.id, x.dateNaissance]));
    return r.matching.pairs.filter((pair) => pair.evidence.some((e) => e.kind === 'placeholder')).flatMap((pair) => byId.get(pair.new) ?? []);
  });
  const p = new Pseudonyms(secret, words, dates, Pseudonyms.offsetFor(dates, secret, swapped, placeholders));
  const fakes = new Map<string, FakePerson>();
  if (bundle.account) fakes.set(bundle.account.id, { nom: p.name(bundle.account.nom), prenom: p.name(bundle.account.prenom) });
  const rewrittenEvidence = new Map<string, Map<number, string>>();
  for (const school of bundle.schools) {
    const r = school.rosters;
    if (!r) continue;
    const canonical = (x: Pupil): FakePerson => ({ nom: p.name(x.nom), prenom: p.name(x.prenom), dateNaissance: x.dateNaissance ? p.date(x.dateNaissance) : null });
    for (const x of r.new.pupils) fakes.set(x.id, canonical(x));
    for (const t of [...r.new.teachers, ...r.old.teachers]) fakes.set(t.id, { nom: p.name(t.nom), prenom: p.name(t.prenom), email: p.email(t.email) });
    for (const x of r.new.parents) fakes.set(x.id, { nom: p.name(x.nom), prenom: p.name(x.prenom) });
    const oldById = new Map(r.old.pupils.map((x) => [x.id, x]));
    const newById = new Map(r.new.pupils.map((x) => [x.id, x]));
    // A pair's old account: derived from the new account's pseudonym, keeping the kind of difference.
    for (const pair of r.matching.pairs) {
      const o = oldById.get(pair.old);
      const n = newById.get(pair.new);
      const fn = n ? fakes.get(n.id) : undefined;
      if (!o || !n || !fn || fakes.has(o.id)) continue;
      const kindOf = (field: string) => pair.evidence.find((e) => e.field === field && e.kind !== 'swapped' && !e.kind.startsWith('review:'))?.kind ?? 'different';
      const swapped = pair.evidence.some((e) => e.kind === 'swapped');
      const nomKind = kindOf('nom');
      const prenomKind = kindOf('prenom');
      const fake: FakePerson = swapped
        ? { prenom: p.deriveName({ role: 'nom', kind: nomKind }, o.prenom, n.nom, fn.nom), nom: p.deriveName({ role: 'prenom', kind: prenomKind }, o.nom, n.prenom, fn.prenom) }
        : { nom: p.deriveName({ role: 'nom', kind: nomKind }, o.nom, n.nom, fn.nom), prenom: p.deriveName({ role: 'prenom', kind: prenomKind }, o.prenom, n.prenom, fn.prenom) };
      fake.dateNaissance = p.deriveDate(kindOf('dateNaissance'), o.dateNaissance, n.dateNaissance, fn.dateNaissance ?? null);
      fakes.set(o.id, fake);
    }
    for (const x of r.old.pupils) if (!fakes.has(x.id)) fakes.set(x.id, canonical(x));
    // The name lines of the evidence, worded again on the made-up names (same kind).
    r.matching.pairs.forEach((pair, index) => {
      const fo = fakes.get(pair.old);
      const fn = fakes.get(pair.new);
      if (!fo || !fn) return;
      const swapped = pair.evidence.some((e) => e.kind === 'swapped');
      const lines = new Map<number, string>();
      pair.evidence.forEach((e, i) => {
        if ((e.field !== 'nom' && e.field !== 'prenom') || e.kind === 'swapped' || e.kind.startsWith('review:')) return;
        const role: NameRole = e.field;
        const oldText = role === 'nom' ? (swapped ? fo.prenom : fo.nom) : swapped ? fo.nom : fo.prenom;
        const newText = role === 'nom' ? fn.nom : fn.prenom;
        lines.set(i, describeNameMatch({ factor: IDENTICAL.has(e.kind) ? 1 : 0.5, kind: e.kind }, nameFeatures(oldText), nameFeatures(newText), role));
      });
      rewrittenEvidence.set(`${school.uai}|${index}`, lines);
    });
  }

  const rewriteString = (s: string): string => {
    if (ids.has(s)) return p.id(s);
    if (schoolNames.has(s)) return s;
    if (dates.has(s)) return p.date(s);
    if (emails.has(s) || EMAIL.test(s)) return p.email(s);
    if (logins.has(s)) return p.login(s);
    const out = s
      .replace(/[A-Za-z0-9_-]{3,}/g, (seg) => (ids.has(seg) ? p.id(seg) : seg))
      .replace(/[^\s@"'«»<>(),;]+@[^\s@"'«»<>(),;]+\.[a-z]{2,}/gi, (e) => p.email(e))
      .replace(/\d{4}-\d{2}-\d{2}/g, (d) => (dates.has(d) ? p.date(d) : d));
    return p.text(out);
  };
  const walk = (value: unknown, key: string | null): unknown => {
    if (typeof value === 'string') {
      if (key !== null && KEPT_KEYS.has(key)) return value;
      if (key === 'login') return p.login(value);
      if (key === 'email') return p.email(value);
      return rewriteString(value);
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (value === null || typeof value !== 'object') return value;
    const object = value as Record<string, unknown>;
    const person = typeof object.id === 'string' && ('nom' in object || 'prenom' in object) ? fakes.get(object.id) : undefined;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(object)) {
      if (person && (k === 'nom' || k === 'prenom')) out[k] = person[k];
      else if (person && k === 'dateNaissance' && person.dateNaissance !== undefined) out[k] = person.dateNaissance;
      else if (person && k === 'email' && person.email) out[k] = person.email;
      else out[k] = walk(v, k);
    }
    return out;
  };

  const schools = bundle.schools.map((school) => {
    const rewritten = walk(school, null) as SchoolBundle;
    rewritten.rosters?.matching.pairs.forEach((pair, index) => {
      for (const [i, detail] of rewrittenEvidence.get(`${school.uai}|${index}`) ?? []) {
        const e = pair.evidence[i];
        if (e) e.detail = detail;
      }
    });
    return rewritten;
  });
  return {
    ...bundle,
    pseudonymised: true,
    kinds: { ...p.stats },
    settings: walk(bundle.settings, null) as Bundle['settings'],
    account: bundle.account ? (walk(bundle.account, null) as Bundle['account']) : null,
    activity: walk(bundle.activity, null) as Bundle['activity'],
    logs: walk(bundle.logs, null) as Bundle['logs'],
    schools,
  };
}
