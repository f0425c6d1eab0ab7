/** A decision must name records of the rosters it was made on: checked before it is journaled. */
import { PERSONAL_APPS, SPACE_APPS } from '../../../src-shared/api';
import type { Problem } from '../../../src-shared/errors';
import type { Decision } from './decisions';

export interface RosterIds {
  newPupils: ReadonlySet<string>;
  oldPupils: ReadonlySet<string>;
  newClasses: ReadonlySet<string>;
  oldClasses: ReadonlySet<string>;
}

export function checkDecision(decision: Decision, ids: RosterIds): Problem[] {
  const problems: Problem[] = [];
  const oldPupil = (id: string, path = 'oldId'): void => {
    if (!ids.oldPupils.has(id)) problems.push({ path, message: "ancien compte inconnu dans la liste de l'an dernier" });
  };
  const newPupil = (id: string, path = 'newId'): void => {
    if (!ids.newPupils.has(id)) problems.push({ path, message: 'élève inconnu dans la liste de cette année' });
  };
  switch (decision.kind) {
    case 'accept':
    case 'link':
      oldPupil(decision.oldId);
      newPupil(decision.newId);
      break;
    case 'unlink':
      newPupil(decision.newId);
      break;
    case 'opt-out':
      oldPupil(decision.oldId);
      break;
    case 'map-class':
      if (!ids.oldClasses.has(decision.oldClassId)) problems.push({ path: 'oldClassId', message: "classe inconnue dans la liste de l'an dernier" });
      if (decision.newClassId !== null && !ids.newClasses.has(decision.newClassId)) problems.push({ path: 'newClassId', message: 'classe inconnue dans la liste de cette année' });
      break;
    case 'choose-apps': {
      const allowed: readonly string[] = decision.target === 'personal' ? PERSONAL_APPS : SPACE_APPS;
      decision.appIds.forEach((app, i) => {
        if (!allowed.includes(app)) problems.push({ path: `appIds.${i}`, message: `application inconnue : ${app}` });
      });
      break;
    }
    case 'class-apps':
      if (!ids.oldClasses.has(decision.oldClassId)) problems.push({ path: 'oldClassId', message: "classe inconnue dans la liste de l'an dernier" });
      decision.appIds.forEach((app, i) => {
        if (!(SPACE_APPS as readonly string[]).includes(app)) problems.push({ path: `appIds.${i}`, message: `application inconnue : ${app}` });
      });
      break;
    case 'refuse':
      oldPupil(decision.oldId);
      newPupil(decision.newId);
      break;
    case 'accept-auto':
    case 'accept-pairs':
    case 'refuse-pairs':
      decision.pairs.forEach((pair, i) => {
        oldPupil(pair.oldId, `pairs.${i}.oldId`);
        newPupil(pair.newId, `pairs.${i}.newId`);
      });
      break;
    case 'import':
      for (const list of ['accept', 'link', 'refuse'] as const) {
        decision[list].forEach((pair, i) => {
          oldPupil(pair.oldId, `${list}.${i}.oldId`);
          newPupil(pair.newId, `${list}.${i}.newId`);
        });
      }
      break;
  }
  return problems;
}
