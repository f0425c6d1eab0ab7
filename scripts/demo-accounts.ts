/**
 * What `npm start` prints of `demo-accounts.json`: for each demo school, the accounts a director needs to try
 * the app (this year's director to sign in, last year's account to prove), and the académie's ENT referent.
 * Pupils', parents' and teachers' accounts are never printed (they stay in the file).
 */
import { z } from 'zod';

const accountSchema = z.object({
  role: z.string(),
  year: z.enum(['new', 'old']),
  login: z.string(),
  password: z.string(),
  school: z.string(),
  name: z.string().optional(),
});
const fileSchema = z.object({ accounts: z.array(accountSchema) });
type DemoAccount = z.infer<typeof accountSchema>;

type Row = [what: string, login: string, password: string, name: string];

const row = (what: string, a: DemoAccount): Row => [what, a.login, a.password, a.name ?? ''];

function table(rows: Row[], indent: string): string[] {
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `${indent}${r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ')}`.trimEnd());
}

/** French, short: a small table per school. `file` is only named, for the other accounts. */
export function formatDemoAccounts(json: unknown, file: string): string {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) return `Comptes de démonstration : ${file}\n`;
  const accounts = parsed.data.accounts;
  const schools = [...new Set(accounts.filter((a) => a.role === 'director' && a.year === 'new').map((a) => a.school))];
  const lines = ['Comptes de démonstration pour essayer Passerelle :'];
  const header: Row = ['', 'identifiant', 'mot de passe', 'nom'];
  for (const uai of schools) {
    const of = (role: string, year: 'new' | 'old') => accounts.filter((a) => a.school === uai && a.role === role && a.year === year);
    const rows: Row[] = [header];
    for (const a of of('director', 'new')) rows.push(row('Se connecter (direction, cette année)', a));
    for (const a of of('director', 'old')) rows.push(row("Compte de l'an dernier à prouver", a));
    for (const a of of('referent', 'old')) rows.push(row("  ou celui du référent de l'an dernier", a));
    lines.push('', `  École ${uai}`, ...table(rows, '    '));
  }
  const referents = accounts.filter((a) => a.role === 'referent' && a.year === 'new');
  if (referents.length > 0) {
    lines.push('', "  Référent ENT de l'académie (toutes les écoles)", ...table([header, ...referents.map((a) => row('Se connecter', a))], '    '));
  }
  lines.push('', `Tous les comptes (enseignants, élèves, parents) : ${file}`);
  return `${lines.join('\n')}\n`;
}
