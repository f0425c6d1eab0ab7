import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../../../../src-main/core/matching/normalize';
import { foldCase, slug, stripAccents, transliterate } from '../../../../src-shared/domain/text';

/** Phonetic signs coded as letters that spell no sound of a name (tone letters, clicks, glottal stops): separators. */
const NOT_NAME_LETTERS = new Set([...'ƄƅƧƨƼƽƻƾǀǁǂǃɁɂ']);

/** Every letter of Latin-1, Latin Extended-A and -B and Latin Extended Additional (the letters of Latin-script names). */
const LATIN_LETTERS: string[] = [];
for (const [from, to] of [[0xc0, 0x24f], [0x1e00, 0x1eff]] as const) {
  for (let cp = from; cp <= to; cp++) {
    const c = String.fromCodePoint(cp);
    if (/\p{L}/u.test(c) && !NOT_NAME_LETTERS.has(c)) LATIN_LETTERS.push(c);
  }
}
const ASCII_LETTERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'];

describe('stripAccents / foldCase / slug keep every letter', () => {
  it('transliterates the letters NFD leaves whole, in the names of French schools', () => {
    const cases: Array<[string, string]> = [
      ['Yıldız', 'yildiz'], ['KILIÇ', 'kilic'], ['İlayda', 'ilayda'], ['Søren', 'soren'], ['Ødegård', 'odegard'],
      ['Łukasz', 'lukasz'], ['Wałęsa', 'walesa'], ['Đorđević', 'dordevic'], ['Đặng', 'dang'], ['Nguyễn', 'nguyen'],
      ['Þór', 'thor'], ['Guðmundsdóttir', 'gudmundsdottir'], ['Straße', 'strasse'], ['GROẞ', 'gross'], ['Ægir', 'aegir'],
      ['Œuvrard', 'oeuvrard'], ['Ħabib', 'habib'], ['Paŀlarès', 'pallares'], ['Ștefănescu', 'stefanescu'], ['Țurcanu', 'turcanu'],
      ['Szőke', 'szoke'], ['Fűzfa', 'fuzfa'], ['Trương', 'truong'], ['Ĳsselmeer', 'ijsselmeer'], ['Ɓaa', 'baa'], ['Ŋom', 'nom'],
    ];
    for (const [name, folded] of cases) expect(foldCase(name), name).toBe(folded);
  });

  it('keeps the case and everything that is not a letter', () => {
    expect(stripAccents('Łukasz ØDEGÅRD')).toBe('Lukasz ODEGARD');
    expect(stripAccents('Hélène Bensaïd, 3ᵉ')).toBe('Helene Bensaid, 3ᵉ');
    expect(transliterate('Straße')).toBe('Strasse');
    expect(stripAccents('Привет')).toBe('Привет');
  });

  it('makes logins without lost letters', () => {
    expect(slug('Yıldız')).toBe('yildiz');
    expect(slug('Đorđević')).toBe('dordevic');
    expect(slug("Marie-Hélène d'Almeida")).toBe('marie-helene-d-almeida');
  });

  it('folds every Latin letter to at least one ASCII letter', () => {
    for (const c of LATIN_LETTERS) expect(fold(c), `${c} U+${c.codePointAt(0)!.toString(16)}`).toMatch(/^[a-z]+$/);
  });
});

describe('fold (matching engine), properties', () => {
  const latinWord = fc.array(fc.constantFrom(...LATIN_LETTERS, ...ASCII_LETTERS), { minLength: 1, maxLength: 12 });
  const options = { numRuns: 400, seed: 20_260_611 };

  it('is idempotent and writes only a-z, 0-9 and single inner spaces, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const once = fold(text);
        expect(fold(once)).toBe(once);
        expect(once).toMatch(/^([a-z0-9]+( [a-z0-9]+)*)?$/);
      }),
      options,
    );
  });

  it('loses no Latin letter: each one gives at least one a-z letter', () => {
    fc.assert(
      fc.property(latinWord, (letters) => {
        const tokens = fold(letters.join(' ')).split(' ');
        expect(tokens).toHaveLength(letters.length);
        for (const t of tokens) expect(t).toMatch(/^[a-z]+$/);
      }),
      options,
    );
  });

  it('ignores case and accents: a name folds the same in capitals, in lower case and without accents', () => {
    fc.assert(
      fc.property(latinWord, (letters) => {
        const name = letters.join('');
        expect(fold(name.toUpperCase())).toBe(fold(name.toLowerCase()));
        expect(fold(stripAccents(name))).toBe(fold(name));
      }),
      options,
    );
  });
});
