// How BAML prints an argument in a prompt. BAML hands minijinja custom objects whose printing
// follows Rust's formatting traits:
// - `{{ x }}` uses Display: a string as is, a float always with a fraction (`3.0`), an enum value
//   as its alias, a class as a pretty block `{\n    "key": value,\n}`, a list as
//   `[item, item]` with each item in its Debug form, a map as `{"key": value}`;
// - inside those, values use Debug: strings quoted and escaped, a class pretty-printed again
//   (indented under its parent when the parent is pretty), lists and maps pretty only inside a
//   pretty parent; none inside a class or a list prints `null`, inside a map `none`.

import { mediaMarker } from '../markers.js';
import type { BamlValue } from './baml-value.js';

const PAD = '    ';

/** Rust's `Debug` for a string: double quotes, escapes for quotes, backslashes and controls. */
export function rustStringDebug(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\0') out += '\\0';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += `\\u{${code.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

/** minijinja's Display for a float: plain decimal notation, `.0` added to whole numbers. */
export function floatDisplay(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n < 0 ? '-inf' : 'inf';
  let text = String(n);
  if (/e/i.test(text)) text = expandExponent(n);
  return text.includes('.') ? text : `${text}.0`;
}

/** Rust's `Debug` for an f64: like Display, but scientific below 1e-4 and from 1e16 on. */
export function floatDebug(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n < 0 ? '-inf' : 'inf';
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e16)) return n.toExponential().replace('e+', 'e');
  return floatDisplay(n);
}

/** The shortest digits of `n` written without an exponent. */
function expandExponent(n: number): string {
  const [mantissa = '', exp = '0'] = n.toExponential().split('e');
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/[-.]/g, '');
  const point = Number(exp) + 1;
  let text: string;
  if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) text = digits + '0'.repeat(point - digits.length);
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${text}` : text;
}

/** `value` as `{{ value }}` prints it. */
export function displayValue(value: BamlValue): string {
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'int':
    case 'bool':
      return String(value.value);
    case 'float':
      return floatDisplay(value.value);
    case 'null':
      return 'null';
    case 'enum':
      return value.alias ?? value.value;
    case 'media':
      return mediaMarker(value.media);
    default:
      return debugValue(value, false, 0);
  }
}

/** An item of a class or a list: none prints `null` there (BAML's own null object). */
function debugItem(value: BamlValue, pretty: boolean, depth: number): string {
  return value.kind === 'null' ? 'null' : debugValue(value, pretty, depth);
}

/**
 * Rust's `Debug` of a value; `pretty` is the `{:#?}` flag, `depth` the indentation its parents
 * have already added.
 */
export function debugValue(value: BamlValue, pretty: boolean, depth: number): string {
  switch (value.kind) {
    case 'string':
      return rustStringDebug(value.value);
    case 'float':
      return floatDebug(value.value);
    case 'null':
      return 'none';
    case 'list':
      return block(
        '[',
        ']',
        value.items.map((item) => (d: number) => debugItem(item, pretty, d)),
        pretty,
        depth,
      );
    case 'map':
      return block(
        '{',
        '}',
        value.entries.map(
          ([k, v]) =>
            (d: number) =>
              `${rustStringDebug(k)}: ${debugValue(v, pretty, d)}`,
        ),
        pretty,
        depth,
      );
    case 'class':
      // A class always prints itself with `{:#?}`, whatever its parent's flag.
      return block(
        '{',
        '}',
        value.fields.map(
          ([, key, v]) =>
            (d: number) =>
              `${rustStringDebug(key)}: ${debugItem(v, true, d)}`,
        ),
        true,
        pretty ? depth : 0,
      );
    default:
      return displayValue(value);
  }
}

/** Rust's `debug_list` / `debug_map` layout around already-formatted entries. */
function block(
  open: string,
  close: string,
  entries: ((depth: number) => string)[],
  pretty: boolean,
  depth: number,
): string {
  if (entries.length === 0) return open + close;
  if (!pretty) return `${open}${entries.map((e) => e(depth)).join(', ')}${close}`;
  const pad = PAD.repeat(depth + 1);
  return `${open}\n${entries.map((e) => `${pad}${e(depth + 1)},\n`).join('')}${PAD.repeat(depth)}${close}`;
}
