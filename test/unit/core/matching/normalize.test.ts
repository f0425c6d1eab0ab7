import { describe, expect, it } from 'vitest';
import { boundedDamerau, compact, fold, phonetic } from '../../../../src-main/core/matching';

describe('fold / compact', () => {
  it('ignores case, accents, ligatures, hyphens, spaces and apostrophes', () => {
    expect(fold('Chloé')).toBe('chloe');
    expect(fold('MAËLLE')).toBe('maelle');
    expect(fold("D'Almeida")).toBe('d almeida');
    expect(fold('Œillet')).toBe('oeillet');
    expect(compact(fold('Jean-Baptiste'))).toBe(compact(fold('jean baptiste')));
    expect(compact(fold('Jeanbaptiste'))).toBe('jeanbaptiste');
    expect(compact(fold('DA SILVA'))).toBe(compact(fold('Dasilva')));
    expect(compact(fold('De La Fontaine'))).toBe(compact(fold('Delafontaine')));
  });
});

describe('phonetic', () => {
  it('gives spelling variants one key', () => {
    expect(phonetic('mathis')).toBe(phonetic('mathys'));
    expect(phonetic('rayan')).toBe(phonetic('rayane'));
    expect(phonetic('eliott')).toBe(phonetic('elliot'));
    expect(phonetic('kylian')).toBe(phonetic('killian'));
    expect(phonetic('louna')).toBe(phonetic('luna'));
    expect(phonetic('lea')).not.toBe(phonetic('leo'));
  });
});

describe('boundedDamerau', () => {
  it('counts a missing, added, changed letter or two swapped letters as one edit', () => {
    expect(boundedDamerau('martin', 'martn', 2)).toBe(1);
    expect(boundedDamerau('martin', 'marttin', 2)).toBe(1);
    expect(boundedDamerau('martin', 'marton', 2)).toBe(1);
    expect(boundedDamerau('martin', 'matrin', 2)).toBe(1);
    expect(boundedDamerau('martin', 'martin', 2)).toBe(0);
  });
  it('stops beyond the bound', () => {
    expect(boundedDamerau('martin', 'bernard', 2)).toBe(3);
    expect(boundedDamerau('abc', 'abcdefgh', 2)).toBe(3);
  });
});
