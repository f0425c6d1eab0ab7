/**
 * HTML written by the portal: `html` is a tagged template whose every interpolated value is escaped, unless it is
 * itself the result of `html` (an `Html` value). Strings, numbers, arrays of either, null/undefined/false (nothing)
 * are accepted; anything else is a type error. Attribute values are always written between double quotes by the
 * templates, and `"` and `'` are escaped too, so a value never leaves its attribute.
 */

/** A piece of markup built by `html` (or the escaping of a text): safe to put into another template as is. */
export class Html {
  private constructor(readonly markup: string) {}
  /** Only this module creates `Html` values: everything else goes through escaping. */
  static fromEscaped(markup: string): Html {
    return new Html(markup);
  }
  toString(): string {
    return this.markup;
  }
}

export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** The text, with every character that means something in HTML (text or attribute) replaced by its entity. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.markup;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return Html.fromEscaped(out);
}

/** Joins pieces with a separator (escaped when it is a string). */
export function join(parts: readonly HtmlValue[], separator: HtmlValue): Html {
  return Html.fromEscaped(parts.map(render).join(render(separator)));
}
