// minijinja's `tojson` filter (minijinja/src/filters.rs `tojson`): serde_json of the value,
// compact (`{"a":1,"b":[1,2]}`) or, given an indent (`tojson(2)`, `tojson(indent=2)`, `true` for
// 2), serde's pretty form; then `<`, `>`, `&` and `'` written as `\u003c`, `\u003e`, `\u0026`,
// `\u0027` so the text is safe in HTML. Maps keep their order, a float keeps its `.0`, none and
// undefined are `null`.

import { floatDebug } from './print-value.js';
import type { JinjaValue } from './runtime-values.js';

const HTML_SAFE: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  "'": '\\u0027',
};

function scalar(value: JinjaValue): string {
  switch (value.type) {
    case 'IntegerValue':
      return String(value.value);
    case 'FloatValue':
      return Number.isFinite(value.value) ? floatDebug(value.value) : 'null';
    case 'BooleanValue':
      return String(value.value);
    case 'StringValue':
      return JSON.stringify(value.value);
    default:
      return 'null';
  }
}

/** Writes `value` as serde_json does; `indent` spaces per level for the pretty form. */
function write(value: JinjaValue, indent: number | undefined, depth: number): string {
  const items: [string | undefined, JinjaValue][] = Array.isArray(value.value)
    ? (value.value as JinjaValue[]).map((v) => [undefined, v])
    : value.value instanceof Map
      ? [...(value.value as Map<string, JinjaValue>)].map(([k, v]) => [k, v])
      : [];
  if (!Array.isArray(value.value) && !(value.value instanceof Map)) return scalar(value);
  const [open, close] = Array.isArray(value.value) ? ['[', ']'] : ['{', '}'];
  if (items.length === 0) return open + close;
  const parts = items.map(([k, v]) => {
    const text = write(v, indent, depth + 1);
    if (k === undefined) return text;
    return `${JSON.stringify(k)}:${indent === undefined ? '' : ' '}${text}`;
  });
  if (indent === undefined) return open + parts.join(',') + close;
  const pad = ' '.repeat(indent * (depth + 1));
  return `${open}\n${pad}${parts.join(`,\n${pad}`)}\n${' '.repeat(indent * depth)}${close}`;
}

/**
 * @example
 * toJson(jv.from({ a: [1, 2], b: '<x>' })) // '{"a":[1,2],"b":"\\u003cx\\u003e"}'
 */
export function toJson(value: JinjaValue, indent?: number): string {
  return write(value, indent, 0).replace(/[<>&']/g, (c) => HTML_SAFE[c] ?? c);
}
