/**
 * Text of a CSV file from its bytes: UTF-8 (with or without BOM) when the bytes are valid UTF-8,
 * otherwise Windows-1252 (a superset of Latin-1 for printable text), as spreadsheet software writes it.
 */
export type TextEncodingName = 'utf-8' | 'windows-1252';

/** Windows-1252 characters at 0x80..0x9F (Node's decoder treats the label as ISO-8859-1 there). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  const text = new TextDecoder('windows-1252').decode(bytes);
  return /[\u0080-\u009f]/.test(text) ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c) : text;
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  let body = bytes;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}
