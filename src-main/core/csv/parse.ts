/**
 * Delimited text → records, RFC 4180 style: quoted fields (with "" for a quote, and line breaks inside
 * quotes), `;` or `,` detected on the header line, CRLF or LF. Each record keeps its line number.
 */
import { AppError } from '../../../src-shared/errors';

export interface CsvRecord {
  /** Line (1-based) where the record starts, as a spreadsheet shows it. */
  line: number;
  fields: string[];
}

export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const end = text.indexOf('\n');
  const header = end === -1 ? text : text.slice(0, end);
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
          for (let k = 0; k < chunk.length; k++) if (chunk.charCodeAt(k) === 10) line++;
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

/** Fast path for the common file without any quote: split lines, then fields. */
function parseUnquoted(text: string, delimiter: string): CsvRecord[] {
  const lines = text.includes('\n') ? text.split('\n') : text.split('\r');
  const records: CsvRecord[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    if (line.length === 0 || line.trim() === '') continue;
    records.push({ line: i + 1, fields: line.split(delimiter) });
  }
  return records;
}
