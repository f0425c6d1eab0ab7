/** Matching engine: pure functions, rosters → one-to-one proposals with evidence. */
export { matchRosters, DEFAULT_MATCH_OPTIONS, type MatchOptions } from './match-rosters';
export { matchSchools, type SchoolRosters } from './match-schools';
export { fold, compact, phonetic, boundedDamerau } from './normalize';
export { compareName, type NameMatch, type NameRole } from './compare-names';
export { dateEvidence, levelEvidence } from './evidence-date-level';
export { nameFeatures, pupilFeatures, levelsInLabel } from './features';
export { inferLevels } from './levels';
export { evaluateMatching, type MatchingQuality } from './quality';
