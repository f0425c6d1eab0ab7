/**
 * When a pair may be applied without a person, and otherwise why not, in plain French.
 *
 * `auto` only when the files rule out the other explanations. With a usable birth date on the old account, the
 * date pins the child: a strong, clearly leading pair with nothing against it is `auto`. Without one (missing, or a
 * 01/01 placeholder), nothing in two rosters separates "the same child" from "a child who left plus a newcomer with
 * the same name": classmates, class labels, teachers, levels and sex all look the same in both stories (a
 * newcomer sits among the old class's pupils as easily as the child would). So every such pair is `review`, with
 * what makes it doubtful on top: swapped names, a letter of difference, two old accounts with the name, a level
 * that leaves the school or repeats.
 */
import type { EvidenceField } from '../../../src-shared/domain/matching';
import { LEVELS } from '../../../src-shared/domain/roster';
import type { NameFeatures, PupilFeatures } from './features';
import { boundedDamerau } from './normalize';
import type { PairAssessment } from './score';

export interface ReasonFound {
  code: string;
  field: EvidenceField;
  detail: string;
}

export interface PairSituation {
  a: PairAssessment;
  o: PupilFeatures;
  n: PupilFeatures;
  score: number;
  /** Lead over the best competing pair on either side. */
  lead: number;
  /** The school's top level (it leaves every year), or -1. */
  topLevel: number;
  /** Other old accounts carrying the old account's name; other new pupils carrying the new pupil's name. */
  sameNameOld: number;
  sameNameNew: number;
  /** The same, counting near names (a typo, a nickname) that nothing else tells apart: at least sameName*. */
  likeNameOld: number;
  likeNameNew: number;
}

export interface AutoThresholds {
  autoMin: number;
  autoMargin: number;
}

const ROLE = { nom: 'le nom', prenom: 'le prénom' } as const;

const VARIANT_TEXT: Record<string, string> = {
  nickname: 'Prénom : un diminutif',
  variant: "s'écrit autrement, même prononciation",
  'short-form': 'Prénom : une forme courte',
  initials: "Prénom : des initiales à la place d'un prénom composé",
  'double-name-part': "une partie d'un nom composé seulement",
  partial: 'une partie seulement en commun',
};

/** How the old and new spellings of one name differ, when it matters. */
function nameReasons(role: 'nom' | 'prenom', kind: string, typed: NameFeatures, official: NameFeatures, out: ReasonFound[]): void {
  if (kind === 'exact' || kind === 'particle' || kind === 'different' || kind === 'other-first-name' || kind === 'masculine-feminine') return;
  // Counted on the folded letters, whatever the kind found first (a letter more can also sound the same).
  const edits = boundedDamerau(typed.compact, official.compact, 2);
  if (edits === 1) out.push({ code: 'one-letter', field: role, detail: `Une lettre diffère dans ${ROLE[role]}` });
  else if (edits === 2 && kind !== 'nickname') out.push({ code: 'two-letters', field: role, detail: `Deux lettres diffèrent dans ${ROLE[role]}` });
  else {
    const text = VARIANT_TEXT[kind];
    if (text) out.push({ code: 'name-variant', field: role, detail: text.startsWith('Prénom') ? text : `${role === 'nom' ? 'Nom' : 'Prénom'} : ${text}` });
  }
}

function levelName(p: PupilFeatures): string {
  return p.levelName ?? (p.level !== null ? (LEVELS[p.level] ?? '?') : `classe « ${p.record.classLabel} »`);
}

/** True when nothing leaves room for another child: a usable birth date, a strong and clearly leading pair, nothing against it. */
export function isSafeAuto(s: PairSituation, t: AutoThresholds): boolean {
  const { a } = s;
  if (s.score < t.autoMin || s.lead < t.autoMargin) return false;
  if (a.nom.factor < 0.6 || a.prenom.factor < 0.6) return false;
  if (a.date.weight < 0 || a.level.kind === 'inconsistent' || a.sex.weight < 0) return false;
  return a.date.weight >= 3;
}

/** Why the pair must be checked by a person, most important first; empty: safe as `auto`. */
export function reviewReasons(s: PairSituation, t: AutoThresholds): ReasonFound[] {
  if (isSafeAuto(s, t)) return [];
  const { a, o } = s;
  const out: ReasonFound[] = [];
  // What speaks against the pair.
  if (a.date.weight < 0) out.push({ code: 'date-differs', field: 'dateNaissance', detail: 'La date de naissance ne correspond pas' });
  if (a.sex.weight < 0) out.push({ code: 'sex-differs', field: 'sexe', detail: 'Le sexe diffère' });
  if (a.level.kind === 'inconsistent') out.push({ code: 'level-differs', field: 'niveau', detail: "Le niveau ne suit pas celui de l'an dernier" });
  for (const role of ['nom', 'prenom'] as const) {
    const m = a[role];
    if (m.kind === 'other-first-name') out.push({ code: 'name-differs', field: role, detail: 'Un autre prénom : frère, sœur ou un autre enfant ?' });
    else if (m.kind === 'masculine-feminine') out.push({ code: 'name-differs', field: role, detail: 'Prénom masculin ou féminin du même nom : deux enfants différents ?' });
    else if (m.factor === 0) out.push({ code: 'name-differs', field: role, detail: role === 'nom' ? 'Le nom diffère' : 'Le prénom diffère' });
  }
  // What the files cannot tell.
  const dated = a.date.weight >= 3;
  if (!dated) {
    out.push(
      a.date.kind === 'placeholder'
        ? { code: 'placeholder-date', field: 'dateNaissance', detail: "Date de naissance « 01/01 » de remplissage : vérifiez qu'il s'agit du même enfant" }
        : { code: 'dateless', field: 'dateNaissance', detail: "Sans date de naissance : vérifiez qu'il s'agit du même enfant" },
    );
  }
  if (s.sameNameOld > 0) out.push({ code: 'two-old-accounts', field: 'nom', detail: s.sameNameOld === 1 ? 'Deux anciens comptes portent ce nom' : `${s.sameNameOld + 1} anciens comptes portent ce nom` });
  else if (s.likeNameOld > 0) out.push({ code: 'two-old-accounts', field: 'nom', detail: 'Un autre ancien compte porte presque ce nom' });
  if (s.sameNameNew > 0) out.push({ code: 'two-new-accounts', field: 'nom', detail: s.sameNameNew === 1 ? 'Deux élèves de cette année portent ce nom' : `${s.sameNameNew + 1} élèves de cette année portent ce nom` });
  else if (s.likeNameNew > 0) out.push({ code: 'two-new-accounts', field: 'nom', detail: 'Un autre élève de cette année porte presque ce nom' });
  if (s.lead < t.autoMargin && s.likeNameOld === 0 && s.likeNameNew === 0) out.push({ code: 'close-call', field: 'nom', detail: 'Un autre compte ressemble presque autant : vérifiez lequel est le bon' });
  if (a.swapped) out.push({ code: 'swapped', field: 'nom', detail: 'Nom et prénom inversés' });
  nameReasons('nom', a.nom.kind, a.swapped ? o.prenom : o.nom, s.n.nom, out);
  nameReasons('prenom', a.prenom.kind, a.swapped ? o.nom : o.prenom, s.n.prenom, out);
  if (!dated) {
    if (o.level !== null ? o.level === s.topLevel : o.labelLevels.includes(s.topLevel)) {
      out.push({ code: 'leaving-level', field: 'niveau', detail: `L'an dernier en ${levelName(o)}, niveau qui quitte l'école : peut-être un autre enfant du même nom` });
    } else if (a.level.kind === 'repeat' || a.level.kind === 'repeat-class' || a.level.kind === 'repeat-older') {
      out.push({ code: 'same-level', field: 'niveau', detail: "Même niveau que l'an dernier : redoublement, ou un autre enfant du même nom ?" });
    } else if (a.level.kind === 'missing') out.push({ code: 'level-unknown', field: 'niveau', detail: 'Niveau inconnu : rien ne confirme le passage au niveau suivant' });
  }
  if (out.length === 0 && (a.nom.factor < 0.6 || a.prenom.factor < 0.6)) out.push({ code: 'names-weak', field: 'nom', detail: 'Nom ou prénom trop différents pour une association sûre' });
  if (out.length === 0) out.push({ code: 'weak', field: 'nom', detail: 'Ressemblance trop faible pour une association sûre' });
  return out;
}
