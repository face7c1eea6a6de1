// What an unquoted token becomes once it ends (spec §3.2): the trimmed text is `true`, `false`,
// `null`, a number, or else a string. Numbers follow Rust's `i64`/`u64`/`f64` `FromStr`, which
// is what the reference uses: an optional sign, `1.`, `.5` and exponents are numbers; `inf` and
// `NaN` parse as floats but are not representable in JSON, so they stay strings.
import type { Completion, RawValue } from './raw-value.js';

/**
 * Converts a finished unquoted token (already trimmed) to a raw node. `firstCode` is the
 * token's first character when the caller knows it: long tokens are often ropes built chunk by
 * chunk, and reading a rope's characters would flatten it on every call.
 */
export function unquotedValue(text: string, completion: Completion, firstCode?: number): RawValue {
  const n = text.length;
  if (n === 4 && text === 'true') return { kind: 'bool', value: true, rev: 0 };
  if (n === 5 && text === 'false') return { kind: 'bool', value: false, rev: 0 };
  if (n === 4 && text === 'null') return { kind: 'null', rev: 0 };
  const c = firstCode ?? text.charCodeAt(0);
  if (isNumericStart(c)) {
    const value = rustFloatValue(text);
    if (!Number.isNaN(value)) return { kind: 'number', value, text, completion, rev: 0 };
  }
  return { kind: 'string', value: text, completion, rev: 0 };
}

/** Whether a token starting with this character may be a number (sign, dot or digit). */
export function isNumericStart(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
}

/** True when Rust's `str::parse::<f64>()` accepts the text and the value is finite. */
function looksLikeRustFloat(text: string): boolean {
  const value = rustFloatValue(text);
  return !Number.isNaN(value);
}

/** The text's value when `looksLikeRustFloat` accepts it, else NaN (the text is read once). */
export function rustFloatValue(text: string): number {
  const n = text.length;
  let i = 0;
  let negative = false;
  if (i < n) {
    const c = text.charCodeAt(0);
    if (c === 43 || c === 45) {
      negative = c === 45;
      i++;
    }
  }
  let digits = 0;
  let whole = 0;
  while (i < n) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
    i++;
    digits++;
  }
  // a plain integer that is exact in a double: no need for the general conversion
  if (i === n && digits > 0 && digits <= 15) return negative ? -whole : whole;
  if (i < n && text.charCodeAt(i) === 46) {
    i++;
    while (i < n && isDigit(text.charCodeAt(i))) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return Number.NaN;
  if (i < n && (text.charCodeAt(i) === 101 || text.charCodeAt(i) === 69)) {
    i++;
    if (i < n && (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45)) i++;
    let exp = 0;
    while (i < n && isDigit(text.charCodeAt(i))) {
      i++;
      exp++;
    }
    if (exp === 0) return Number.NaN;
  }
  if (i !== n) return Number.NaN;
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Also true for `inf`/`NaN` words, which Rust's f64 parser accepts (used by the comma rule). */
export function rustParsesAsFloat(text: string): boolean {
  if (looksLikeRustFloat(text)) return true;
  let body = text;
  if (body.startsWith('+') || body.startsWith('-')) body = body.slice(1);
  const lower = body.toLowerCase();
  return lower === 'inf' || lower === 'infinity' || lower === 'nan';
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
