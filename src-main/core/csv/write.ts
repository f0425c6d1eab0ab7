/**
 * Rosters → CSV text in the `passerelle match` input format (id;nom;prenom;date_naissance;niveau;classe
 * and optionally ecole and sexe). Used for exports, fixtures and the benchmark.
 */
import type { PupilRecord } from '../../../src-shared/domain/roster';

export interface RosterCsvOptions {
  delimiter?: ';' | ',';
  /** ISO (YYYY-MM-DD) or French (DD/MM/YYYY) dates. */
  dateStyle?: 'iso' | 'fr';
  withSchool?: boolean;
  withSex?: boolean;
}

function field(value: string, delimiter: string): string {
  return value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r') ? `"${value.replace(/"/g, '""')}"` : value;
}

function frDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export function rosterCsv(schools: Array<{ uai: string; pupils: PupilRecord[] }>, options: RosterCsvOptions = {}): string {
  const delimiter = options.delimiter ?? ';';
  const header = ['id', 'nom', 'prenom', 'date_naissance', 'niveau', 'classe'];
  if (options.withSex) header.push('sexe');
  if (options.withSchool) header.push('ecole');
  const lines = [header.join(delimiter)];
  for (const school of schools) {
    for (const p of school.pupils) {
      const date = p.dateNaissance ? (options.dateStyle === 'fr' ? frDate(p.dateNaissance) : p.dateNaissance) : '';
      const row = [p.id, p.nom, p.prenom, date, p.niveau ?? '', p.classLabel];
      if (options.withSex) row.push(p.sexe ?? '');
      if (options.withSchool) row.push(school.uai);
      lines.push(row.map((v) => field(v, delimiter)).join(delimiter));
    }
  }
  return lines.join('\n') + '\n';
}
