/**
 * CSV cells for a spreadsheet to open as is: `;` separated, UTF-8 with a BOM (Excel's French default), quotes only
 * when needed, and every cell that a spreadsheet would read as a formula (= + - @, or a tab / CR first) neutralised
 * with a leading apostrophe — a pupil's name must never run as a formula on a school PC.
 */
export const CSV_BOM = '\uFEFF';

export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string, delimiter = ';'): string {
  const v = neutralise(value);
  return v.includes(delimiter) || v.includes('"') || v.includes('\n') || v.includes('\r') ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Header and rows as CSV text (BOM first, CRLF line ends as spreadsheets write them). */
export function csvDocument(header: readonly string[], rows: ReadonlyArray<readonly string[]>, delimiter = ';'): string {
  return CSV_BOM + [header, ...rows].map((r) => r.map((v) => csvCell(v, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}
