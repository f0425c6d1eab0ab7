import { describe, expect, it } from 'vitest';
import { formatDemoAccounts } from '../../../scripts/demo-accounts';

const a = (role: string, year: 'new' | 'old', login: string, school: string, name: string) => ({ role, year, login, password: `pw-${login}`, school, name });

const doc = {
  note: 'demo',
  seed: 1,
  accounts: [
    a('referent', 'new', 'referent.ent', '0131234X', 'Bénédicte Garnier (référente ENT de l’académie)'),
    a('director', 'new', 'sandrine.remy', '0131234X', 'Sandrine Rémy'),
    a('director', 'old', 'sremy', '0131234X', 'Sandrine Rémy'),
    a('teacher', 'new', 'prof.un', '0131234X', 'Prof Un'),
    a('pupil', 'new', 'eleve.un', '0131234X', 'Élève Un — CP'),
    a('parent', 'old', 'parent.un', '0131234X', 'Parent de Élève Un'),
    a('director', 'new', 'marc.moreau', '0134567K', 'Marc Moreau'),
    a('director', 'old', 'mmoreau', '0134567K', 'Marc Moreau'),
    a('referent', 'old', 'itran', '0134567K', "Isabelle Tran (référent ENT l'an dernier)"),
  ],
};

describe('demo accounts printed by npm start', () => {
  const text = formatDemoAccounts(doc, '/data/demo-accounts.json');

  it('lists, per school, the director to sign in with and the old account to prove, and the académie referent', () => {
    expect(text).toMatch(/École 0131234X\n.*identifiant +mot de passe +nom\n.*Se connecter \(direction, cette année\) +sandrine\.remy +pw-sandrine\.remy +Sandrine Rémy\n.*Compte de l'an dernier à prouver +sremy +pw-sremy/);
    expect(text).toMatch(/École 0134567K[\s\S]*mmoreau +pw-mmoreau[\s\S]*ou celui du référent de l'an dernier +itran +pw-itran/);
    expect(text).toMatch(/Référent ENT de l'académie \(toutes les écoles\)\n.*\n.*referent\.ent +pw-referent\.ent/);
    expect(text.trimEnd().endsWith('/data/demo-accounts.json')).toBe(true);
  });

  it("never prints pupils', parents' or teachers' passwords", () => {
    for (const hidden of ['pw-eleve.un', 'pw-parent.un', 'pw-prof.un', 'eleve.un']) expect(text).not.toContain(hidden);
  });

  it('falls back to the file name when the file is not what it expects', () => {
    expect(formatDemoAccounts({ nope: true }, '/data/demo-accounts.json')).toBe('Comptes de démonstration : /data/demo-accounts.json\n');
  });
});
