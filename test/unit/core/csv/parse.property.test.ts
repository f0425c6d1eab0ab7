/**
 * The CSV reader's two paths — the fast one for files without any quote, the quoted one — must read the same
 * content the same way, whatever the line endings (LF, CRLF, a lone CR) and blank lines; and what the writer
 * writes, the reader reads back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../../src-main/core/csv/parse';
import { readRosterCsv } from '../../../../src-main/core/csv/roster-csv';
import { rosterCsv } from '../../../../src-main/core/csv/write';

const options = { numRuns: 300, seed: 4_181 };
const DELIMITERS = [';', ',', '\t'] as const;
const ENDINGS = ['\n', '\r\n', '\r'] as const;

/** A cell the fast path can hold: no quote, no delimiter of any kind, no line break. */
const plainCell = fc.string({ unit: fc.constantFrom(...'aé Z0-_.ßı\'’ ·'), maxLength: 6 });
const row = fc.array(plainCell, { minLength: 1, maxLength: 5 });
const line = fc.record({ cells: row, quoted: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), ending: fc.constantFrom(...ENDINGS), blankAfter: fc.constantFrom('', '', '', '   ') });
type File = { lines: Array<{ cells: string[]; quoted: boolean[]; ending: string; blankAfter: string }>; delimiter: string; lastEnding: boolean };

/** A lone CR before an empty line and its LF would make one CRLF in the plain text, not in the quoted one: not the same content. */
function sameContentBothWays(f: File): File {
  const lines = f.lines.map((l, i) => {
    const next = f.lines[i + 1];
    const emptyNext = next !== undefined && next.cells.length === 1 && next.cells[0] === '';
    return l.ending === '\r' && emptyNext ? { ...l, ending: '\n' } : l;
  });
  return { ...f, lines };
}

const file = fc.record({ lines: fc.array(line, { minLength: 1, maxLength: 8 }), delimiter: fc.constantFrom(...DELIMITERS), lastEnding: fc.boolean() }).map(sameContentBothWays);

/** The file's text, and where each of its lines starts. */
function render(f: File, quote: boolean): { text: string; starts: number[] } {
  let quotedOnce = false;
  let text = '';
  const starts: number[] = [];
  f.lines.forEach((l, i) => {
    const cells = l.cells.map((c, k) => {
      const q = quote && (l.quoted[k] === true || (!quotedOnce && i === 0 && k === 0));
      if (q) quotedOnce = true;
      return q ? `"${c}"` : c;
    });
    const last = i === f.lines.length - 1;
    starts.push(text.length);
    text += cells.join(f.delimiter);
    if (!last || f.lastEnding) text += l.ending;
    if (!last && l.blankAfter) text += l.blankAfter + l.ending;
  });
  return { text, starts };
}

/** Line breaks before `offset` (CRLF once), plus one: the line a spreadsheet shows. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split(/\r\n|\r|\n/).length;
}

describe('parseDelimited: fast path and quoted path agree', () => {
  it('a line of tab delimiters is a row of empty cells on both paths, not a blank line', () => {
    expect(parseDelimited('a\tb\n\t\n', '\t', 'f')).toEqual(parseDelimited('"a"\tb\n\t\n', '\t', 'f'));
    expect(parseDelimited('a\tb\n\t\n', '\t', 'f')).toHaveLength(2);
  });

  it('a lone CR ends a line on both paths (it used to be kept inside a field on the fast path)', () => {
    const plain = 'id;nom\r1;A\n2;B\r\n3;C';
    const quoted = 'id;"nom"\r1;A\n2;B\r\n3;C';
    const expected = [
      { line: 1, fields: ['id', 'nom'] },
      { line: 2, fields: ['1', 'A'] },
      { line: 3, fields: ['2', 'B'] },
      { line: 4, fields: ['3', 'C'] },
    ];
    expect(parseDelimited(plain, ';', 'f')).toEqual(expected);
    expect(parseDelimited(quoted, ';', 'f')).toEqual(expected);
  });

  it('the same records and line numbers, quoted or not, whatever the line endings', () => {
    fc.assert(
      fc.property(file, (f) => {
        const plain = render(f, false);
        const quoted = render(f, true);
        expect(plain.text.includes('"')).toBe(false);
        expect(quoted.text.includes('"')).toBe(true);
        const fast = parseDelimited(plain.text, f.delimiter, 'f');
        expect(parseDelimited(quoted.text, f.delimiter, 'f')).toEqual(fast);
        // And what was written: one record per non-blank line, numbered as a spreadsheet shows it.
        const expected = f.lines.flatMap((l, i) => (l.cells.length === 1 && l.cells[0]!.trim() === '' ? [] : [{ line: lineAt(plain.text, plain.starts[i]!), fields: l.cells }]));
        expect(fast).toEqual(expected);
      }),
      options,
    );
  });
});

describe('rosterCsv → readRosterCsv', () => {
  /** Any name a file may hold: quotes, delimiters, line breaks of every kind inside, letters of every alphabet. */
  const name = fc.string({ unit: fc.constantFrom(...'aÉ "\';,\r\n-ıøß'), minLength: 1, maxLength: 10 }).filter((s) => s.trim() === s && s.trim() !== '');

  it('reads back every name it wrote', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ nom: name, prenom: name }), { minLength: 1, maxLength: 6 }), fc.constantFrom<';' | ','>(';', ','), (names, delimiter) => {
        const pupils = names.map((n, i) => ({ id: `o${i}`, nom: n.nom, prenom: n.prenom, dateNaissance: null, sexe: null, niveau: null, classId: null, classLabel: '' }));
        const text = rosterCsv([{ uai: '', pupils }], { delimiter });
        const back = readRosterCsv(new TextEncoder().encode(text), 'f').schools.get('')!.pupils;
        expect(back.map((p) => [p.nom, p.prenom])).toEqual(names.map((n) => [n.nom, n.prenom]));
      }),
      options,
    );
  });
});
