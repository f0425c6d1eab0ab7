/**
 * Delimited text → records, RFC 4180 style: quoted fields (with "" for a quote, and line breaks inside
 * quotes), `;` or `,` detected on the header line. A line ends with CRLF, LF or a lone CR (old Mac files,
 * or a spreadsheet mixing them), the same on the fast path (no quote in the file) and the quoted one. Each
 * record keeps its line number.
 */
import { AppError } from '../../../src-shared/errors';

export interface CsvRecord {
  /** Line (1-based) where the record starts, as a spreadsheet shows it. */
  line: number;
  fields: string[];
}

const LINE_BREAK = /\r\n|\r|\n/;

export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const header = text.split(LINE_BREAK, 1)[0] ?? '';
  const count = (c: string) => header.split(c).length - 1;
  const semicolons = count(';');
  const commas = count(',');
  const tabs = count('\t');
  if (tabs > semicolons && tabs > commas) return '\t';
  return semicolons >= commas ? ';' : ',';
}

export function parseDelimited(text: string, delimiter: string, fileLabel: string): CsvRecord[] {
  if (!text.includes('"')) return parseUnquoted(text, delimiter);
  const records: CsvRecord[] = [];
  const n = text.length;
  const delim = delimiter.charCodeAt(0);
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let atRecordEnd = false;
    while (!atRecordEnd) {
      if (text.charCodeAt(i) === 34 /* " */) {
        let value = '';
        i++;
        let closed = false;
        while (i < n) {
          const q = text.indexOf('"', i);
          if (q === -1) break;
          const chunk = text.slice(i, q);
          line += lineBreaks(chunk);
          value += chunk;
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            i = q + 2;
          } else {
            i = q + 1;
            closed = true;
            break;
          }
        }
        if (!closed) throw new AppError('validation', `Fichier ${fileLabel}, ligne ${startLine} : guillemet ouvert jamais refermé.`);
        // Anything between the closing quote and the delimiter is kept (lenient, as spreadsheets are).
        let j = i;
        while (j < n && text.charCodeAt(j) !== delim && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
        value += text.slice(i, j);
        i = j;
        fields.push(value);
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delim || c === 10 || c === 13) break;
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      const c = i < n ? text.charCodeAt(i) : -1;
      if (c === delim) i++;
      else {
        if (c === 13) i++;
        if (i < n && text.charCodeAt(i) === 10) i++;
        line++;
        atRecordEnd = true;
      }
    }
    const blank = fields.length === 1 && (fields[0] ?? '').trim() === '';
    if (!blank) records.push({ line: startLine, fields });
  }
  return records;
}

/** Line breaks in a piece of text, CRLF counting once. */
function lineBreaks(text: string): number {
  let count = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) count++;
  }
  return count;
}

/** Fast path for the common file without any quote: split lines, then fields. */
function parseUnquoted(text: string, delimiter: string): CsvRecord[] {
  // A lone CR ends a line too (the quoted path reads it so): splitting on LF alone would glue two rows.
  const lines = text.includes('\r') ? text.split(LINE_BREAK) : text.split('\n');
  const records: CsvRecord[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fields = line.split(delimiter);
    // Blank as on the quoted path: one field of spaces (a line of tab delimiters is empty cells, not blank).
    if (fields.length === 1 && line.trim() === '') continue;
    records.push({ line: i + 1, fields });
  }
  return records;
}
