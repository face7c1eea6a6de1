// Small helpers for writing TypeScript source text safely.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property name as written in an interface or object literal: bare when possible. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** A string literal in double quotes (JSON escaping is valid TS). */
export function stringLiteral(value: string): string {
  return JSON.stringify(value);
}

/**
 * True when `type` has a `|` at its top level (outside brackets and string literals), so it
 * needs parentheses before `[]`.
 */
export function hasTopLevelUnion(type: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < type.length; i++) {
    const c = type[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if ('<([{'.includes(c)) depth++;
    else if ('>)]}'.includes(c)) depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** `T[]`, with parentheses when T is a union. */
export function arrayOf(item: string): string {
  return hasTopLevelUnion(item) ? `(${item})[]` : `${item}[]`;
}

/** Variants joined with ` | `, duplicates removed (int | float both become `number`). */
export function unionOf(variants: string[]): string {
  return [...new Set(variants)].join(' | ');
}

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if import in instanceof new null return super switch this throw ' +
    'true try typeof var void while with as implements interface let package private protected ' +
    'public static yield await arguments eval'
  ).split(' '),
);

/** A local variable name for a BAML parameter (`class` becomes `_class`, `my-arg` `my_arg`). */
export function localName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_$]/g, '_');
  const safe = /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
  return RESERVED.has(safe) || safe !== name ? `_${safe}`.replace(/^__/, '_') : safe;
}
