import { describe, expect, it } from 'vitest';
import { compareName, nameFeatures } from '../../../../src-main/core/matching';

const cmp = (old: string, official: string, role: 'nom' | 'prenom' = 'prenom') => compareName(nameFeatures(old), nameFeatures(official), role);

describe('compareName', () => {
  it('sees identical names through case, accents and separators', () => {
    expect(cmp('chloe', 'Chloé')).toMatchObject({ factor: 1 });
    expect(cmp('Maelle', 'Maëlle')).toMatchObject({ factor: 1 });
    expect(cmp('Jean Baptiste', 'Jean-Baptiste')).toMatchObject({ factor: 1 });
    expect(cmp('Jeanbaptiste', 'Jean-Baptiste')).toMatchObject({ factor: 1 });
  });

  it('sees glued, cut or dropped particles', () => {
    expect(cmp('Dasilva', 'DA SILVA', 'nom').factor).toBe(1);
    expect(cmp('Delafontaine', 'DE LA FONTAINE', 'nom').factor).toBe(1);
    expect(cmp("D'Almeida", 'D ALMEIDA', 'nom').factor).toBe(1);
    expect(cmp('Almeida', "D'ALMEIDA", 'nom')).toMatchObject({ kind: 'particle' });
  });

  it('sees half of a double surname', () => {
    expect(cmp('Martin', 'MARTIN-DURAND', 'nom')).toMatchObject({ kind: 'double-name-part' });
    expect(cmp('Durand', 'MARTIN-DURAND', 'nom')).toMatchObject({ kind: 'double-name-part' });
  });

  it('sees one typo of each kind', () => {
    for (const typed of ['Chevaler', 'Chevalimer', 'Chevalieb', 'Cheavlier']) expect(cmp(typed, 'CHEVALIER', 'nom')).toMatchObject({ kind: 'typo' });
  });

  it('knows nicknames and short forms', () => {
    expect(cmp('Tom', 'Thomas')).toMatchObject({ kind: 'nickname' });
    expect(cmp('Max', 'Maxime')).toMatchObject({ kind: 'nickname' });
    expect(cmp('JB', 'Jean-Baptiste')).toMatchObject({ kind: 'nickname' });
    expect(cmp('Nico', 'Nicolas').factor).toBeGreaterThan(0);
    expect(cmp('Flo', 'Florentin')).toMatchObject({ kind: 'short-form' });
  });

  it('knows spelling variants, listed or by sound', () => {
    expect(cmp('Mathys', 'Mathis').factor).toBeGreaterThanOrEqual(0.75);
    expect(cmp('Rayane', 'Rayan').factor).toBeGreaterThanOrEqual(0.75);
    expect(cmp('Kyllian', 'Killian').factor).toBeGreaterThanOrEqual(0.75);
  });

  it('keeps different names apart, and a short-name typo weaker than a long one', () => {
    expect(cmp('Emma', 'Jade').factor).toBe(0);
    expect(cmp('BERNARD', 'MARTIN', 'nom').factor).toBe(0);
    expect(cmp('Léa', 'Léo').factor).toBeLessThan(0.6);
    expect(cmp('Louis', 'Louise').factor).toBeLessThan(0.6);
    expect(cmp('Gabrielle', 'Gabriel').factor).toBeLessThan(0.6);
    expect(cmp('Jean', 'Jeanne').factor).toBeLessThan(0.6);
  });
});
