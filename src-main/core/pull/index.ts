/**
 * A pull: (legacy grant) → this year's roster → last year's roster → matching → one transaction that stores
 * both snapshots and the proposals. Progress events at each step. Nothing is written until everything was
 * fetched and parsed: a cut connection leaves the previous pull untouched.
 */
import { LEGACY_GRANT_HEADER, type LegacyRosterResponse, type RosterResponse } from '../../../src-shared/api';
import type { MatchResult } from '../../../src-shared/domain/matching';
import type { YearRoster } from '../../../src-shared/domain/roster';
import type { SnapshotStore, StoredSchool } from '../cache/snapshots';
import type { EntClient } from '../ent/client';
import type { CoreEmitter } from '../events';

export type Matcher = (oldRoster: YearRoster, newRoster: YearRoster) => MatchResult;

export interface PullDependencies {
  client: EntClient;
  snapshots: SnapshotStore;
  matcher: Matcher;
  events: CoreEmitter;
}

const STEPS = ['roster-new', 'roster-old', 'matching', 'store'] as const;
const LABELS: Record<(typeof STEPS)[number], string> = {
  'roster-new': 'Téléchargement de la liste de cette année',
  'roster-old': "Téléchargement de la liste de l'an dernier",
  matching: 'Rapprochement des comptes',
  store: 'Enregistrement',
};

export async function pullSchool(deps: PullDependencies, uai: string, legacyGrant: string): Promise<StoredSchool> {
  const task = `pull:${uai}`;
  const step = (name: (typeof STEPS)[number]): void =>
    deps.events.emit('progress', { task, step: name, done: STEPS.indexOf(name), total: STEPS.length, label: LABELS[name] });
  step('roster-new');
  const newRoster = await deps.client.call('roster', { params: { uai } });
  step('roster-old');
  const oldRoster = await deps.client.call('legacyRoster', { params: { uai }, headers: { [LEGACY_GRANT_HEADER]: legacyGrant } });
  step('matching');
  const matching = deps.matcher(toYearRoster(oldRoster), toYearRoster(newRoster));
  step('store');
  const school = deps.snapshots.savePull({ uai, name: newRoster.name, newRoster, oldRoster, matching });
  deps.events.emit('progress', { task, step: 'done', done: STEPS.length, total: STEPS.length, label: 'Listes à jour' });
  deps.events.emit('school.changed', { uai });
  return school;
}

export function toYearRoster(roster: RosterResponse | LegacyRosterResponse): YearRoster {
  return {
    classes: roster.classes.map(({ id, label, levels, teacherIds }) => ({ id, label, levels, teacherIds })),
    teachers: roster.teachers,
    pupils: roster.pupils.map(({ id, nom, prenom, dateNaissance, sexe, niveau, classId, classLabel }) => ({ id, nom, prenom, dateNaissance, sexe, niveau, classId, classLabel })),
  };
}
