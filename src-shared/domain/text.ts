/** Small text helpers shared by the matching engine, the generator, the server's logins and the screens. */

/**
 * Latin letters that Unicode NFD leaves whole (a stroke, a bar, a hook, a ligature, a letter of its own), with
 * the ASCII letters a French register would write for them: Turkish ı, Polish ł, Nordic ø æ, Croatian, Serbian
 * and Vietnamese đ, Icelandic þ ð, German ß, Maltese ħ, Catalan ŀ, French œ, Dutch ĳ, the African-alphabet letters
 * (ɓ ɗ ɛ ɔ ŋ ƴ ƙ…) and the rest of Latin-1, Latin Extended-A and -B. Letters NFD does decompose (é, ș, ő, ư…) need no
 * entry. Grouped as `ascii:letters`; upper-case letters give upper-case ASCII; ŉ and ẚ keep their
 * sign as their capitals ʼN and Aʾ do.
 */
const UNDECOMPOSED = `
A:Ⱥ a:ⱥɑɐɒ aʾ:ẚ AE:Æ ae:æ B:ƁƂɃ b:ƀƃɓ C:ƇȻ c:ƈȼ D:ÐĐƉƊƋ d:ðđƌƍȡẟɖɗ db:ȸ DZ:ǄǱ Dz:ǅǲ dz:ǆǳ E:ƎƏƐɆ e:ǝɇəɛ F:Ƒ f:ƒ
ff:ﬀ ffi:ﬃ ffl:ﬄ fi:ﬁ fl:ﬂ G:ƓƔǤȜ g:ǥȝɠɣ H:Ħ h:ħ HV:Ƕ hv:ƕ I:ƖƗ i:ıɩɨ IJ:Ĳ ij:ĳ J:Ɉ j:ȷɉ K:Ƙ k:ĸƙ L:ĿŁȽ
l:ŀłƚƛȴ LJ:Ǉ Lj:ǈ lj:ǉ LL:Ỻ ll:ỻ M:Ɯ m:ɯ N:ŊƝȠ n:ŋƞȵɲ 'n:ŉ NJ:Ǌ Nj:ǋ nj:ǌ O:ØƆƟ o:øɔɵ OE:Œ oe:œ OI:Ƣ oi:ƣ OU:Ȣ
ou:ȣ P:Ƥ p:ƥ Q:Ɋ q:ɋ qp:ȹ R:ƦɌ r:ɍʀ S:Ʃ s:ſƪȿẜẝʃ SS:ẞ ss:ß st:ﬅﬆ T:ŦƬƮȾ t:ŧƫƭȶʈⱦ TH:Þ th:þ U:ƱɄ u:ʊʉ V:ƲɅỼ
v:ỽʋʌ W:Ƿ w:ƿ Y:ƳɎỾ y:ƴɏỿ Z:ƵƷƸȤ z:ƶƹƺȥɀʒ`;

const ASCII_OF = new Map<string, string>();
for (const group of UNDECOMPOSED.trim().split(/\s+/)) {
  const [ascii, letters] = group.split(':') as [string, string];
  for (const letter of letters) ASCII_OF.set(letter, ascii);
}
const UNDECOMPOSED_LETTER = new RegExp(`[${[...ASCII_OF.keys()].join('')}]`, 'g');
/** Combining marks (diacritics, their extensions and supplements, half marks). */
// eslint-disable-next-line no-misleading-character-class -- ranges of combining marks on purpose, written as escapes
const COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const NON_ASCII = /[\u0080-\uffff]/;

/** The Latin letters NFD cannot decompose, written in ASCII letters ("Łukasz" → "Lukasz", "Straße" → "Strasse"). */
export function transliterate(text: string): string {
  return NON_ASCII.test(text) ? text.replace(UNDECOMPOSED_LETTER, (letter) => ASCII_OF.get(letter) ?? letter) : text;
}

/**
 * "Hélène Bensaïd" → "Helene Bensaid", "Yıldız" → "Yildiz", "Søren" → "Soren": the accents removed and the letters
 * NFD leaves whole transliterated, so no letter is lost; everything else (digits, punctuation, other scripts) kept.
 */
export function stripAccents(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return transliterate(text.normalize('NFD').replace(COMBINING, ''));
}

/** Lower case without accents ("École" → "ecole", "ŁUKASZ" → "lukasz"): for comparisons that ignore both. */
export function foldCase(text: string): string {
  // Lower case first: "İ" becomes "i" + a combining dot, which is then removed.
  return stripAccents(text.toLowerCase()).toLowerCase();
}

/** ENT-style piece of a login or an e-mail: "Marie-Hélène" → "marie-helene", "d'Almeida" → "d-almeida". */
export function slug(text: string): string {
  return foldCase(text)
    .replace(/[^a-z]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
