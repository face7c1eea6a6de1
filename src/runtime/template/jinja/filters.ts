// BAML's extra filters (spec §2.1 step 5), layered on top of the engine's built-in ones.

import { BamlError } from '../../errors/index.js';
import { aliasedViews, isEnumValue } from './arg-values.js';
import { bamlValueToJson } from './baml-value.js';
import { type JinjaValue, jv, toPlain } from './runtime-values.js';
import { toToon } from './to-toon.js';
import { toYaml } from './to-yaml.js';

/** Plain data for serialisation, using each class's alias-keyed view where one exists. */
function toAliasedPlain(value: JinjaValue): unknown {
  const typed = aliasedViews.get(value);
  if (typed) return bamlValueToJson(typed);
  if (isEnumValue(value)) return value.toString();
  const v = value.value;
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, item] of v) out[k] = toAliasedPlain(item as JinjaValue);
    return out;
  }
  if (Array.isArray(v)) return v.map((item) => toAliasedPlain(item as JinjaValue));
  return toPlain(value) ?? null;
}

/** The keyword arguments as one interpreter map value. */
function kwargsValue(kwargs: Map<string, JinjaValue>): JinjaValue {
  return jv.object(kwargs);
}

export type CustomFilter = (
  operand: JinjaValue,
  args: JinjaValue[],
  kwargs: Map<string, JinjaValue>,
) => JinjaValue;

/**
 * Filters handled here rather than by the engine. Returning `undefined` hands the call back to
 * the engine (e.g. `sum` of something that is not a list).
 */
export const customFilters: Record<
  string,
  (...a: Parameters<CustomFilter>) => JinjaValue | undefined
> = {
  format(operand, _args, kwargs) {
    // BAML registers its own `format`, replacing minijinja's printf-style one: without `type=`
    // (or `format=`) it is an error (jinja-runtime lib.rs `render_minijinja`).
    const type = kwargs.get('type') ?? kwargs.get('format');
    if (!type) throw new BamlError("format filter requires 'type' keyword argument");
    const plain = toAliasedPlain(operand);
    switch (String(type.value).toLowerCase()) {
      case 'json':
        // A whole float serialises as an int (BAML reads numbers through `as_i64` first).
        return jv.string(JSON.stringify(plain));
      case 'yaml':
        return jv.string(toYaml(plain));
      case 'toon':
        return jv.string(toToon(plain, toPlain(kwargsValue(kwargs)) as Record<string, unknown>));
      default:
        throw new BamlError(
          `Unsupported format type '${String(type.value)}'. Supported types: 'yaml', 'json', 'toon'`,
        );
    }
  },
  regex_match(operand, args) {
    const pattern = args[0]?.value;
    if (typeof pattern !== 'string') throw new BamlError('regex_match expects a pattern string');
    if (typeof operand.value !== 'string') return jv.bool(false);
    return jv.bool(new RegExp(pattern, 'u').test(operand.value));
  },
  sum(operand) {
    if (!Array.isArray(operand.value)) return undefined;
    let total = 0;
    let float = false;
    for (const item of operand.value as JinjaValue[]) {
      if (typeof item.value !== 'number') throw new BamlError('sum expects a list of numbers');
      if (item.type === 'FloatValue') float = true;
      total += item.value;
    }
    return float ? jv.float(total) : jv.from(total);
  },
  round(operand, args) {
    if (typeof operand.value !== 'number') return undefined;
    const digits = typeof args[0]?.value === 'number' ? (args[0].value as number) : 0;
    const f = 10 ** digits;
    return jv.float(Math.round(operand.value * f) / f);
  },
  batch(operand, args) {
    if (!Array.isArray(operand.value)) return undefined;
    const size = Number(args[0]?.value);
    if (!Number.isInteger(size) || size < 1) throw new BamlError('batch expects a positive size');
    const list = operand.value as JinjaValue[];
    const out: JinjaValue[] = [];
    for (let i = 0; i < list.length; i += size) {
      const chunk = list.slice(i, i + size);
      const fill = args[1];
      while (fill && chunk.length < size) chunk.push(fill);
      out.push(jv.array(chunk));
    }
    return jv.array(out);
  },
  // minijinja `dictsort`: a map's [key, value] pairs sorted by key (or `by="value"`), strings
  // without regard to case unless `case_sensitive=true`, reversed with `reverse=true`.
  dictsort(operand, _args, kwargs) {
    if (!(operand.value instanceof Map))
      throw new BamlError('invalid operation: cannot convert value into pair list');
    const byValue = kwargs.get('by')?.value === 'value';
    const caseSensitive = kwargs.get('case_sensitive')?.value === true;
    const pairs = [...(operand.value as Map<string, JinjaValue>)].map(
      ([k, v]) => [jv.string(k), v] as const,
    );
    const key = (pair: readonly [JinjaValue, JinjaValue]): unknown => {
      const v = (byValue ? pair[1] : pair[0]).value;
      return typeof v === 'string' && !caseSensitive ? v.toLowerCase() : v;
    };
    pairs.sort((a, b) => orderOf(key(a), key(b)));
    if (kwargs.get('reverse')?.value === true) pairs.reverse();
    return jv.array(pairs.map((pair) => jv.array([...pair])));
  },
  // minijinja `attr`: an attribute by name (undefined when missing).
  attr(operand, args) {
    const key = args[0]?.value;
    if (operand.value instanceof Map && typeof key === 'string')
      return (operand.value as Map<string, JinjaValue>).get(key) ?? jv.undefined();
    return jv.undefined();
  },
  min: (operand) => extreme(operand, -1),
  max: (operand) => extreme(operand, 1),
  list(operand) {
    if (typeof operand.value !== 'string') return undefined;
    return jv.array([...operand.value].map((c) => jv.string(c)));
  },
  reverse(operand) {
    if (typeof operand.value !== 'string') return undefined;
    return jv.string([...operand.value].reverse().join(''));
  },
  split(operand, args) {
    if (typeof operand.value !== 'string') return undefined;
    const sep = args[0]?.value;
    const parts =
      typeof sep === 'string' && sep !== ''
        ? operand.value.split(sep)
        : operand.value.split(/\s+/u).filter((p) => p !== '');
    return jv.array(parts.map((p) => jv.string(p)));
  },
  lines(operand) {
    if (typeof operand.value !== 'string') return undefined;
    const lines = operand.value.split(/\r\n|\r|\n/);
    if (lines[lines.length - 1] === '') lines.pop();
    return jv.array(lines.map((l) => jv.string(l)));
  },
};

/** Orders two plain values: numbers by value, anything else by its text. */
function orderOf(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** `min` / `max` of a list (numbers by value, anything else by its text); undefined when empty. */
function extreme(operand: JinjaValue, sign: 1 | -1): JinjaValue | undefined {
  if (!Array.isArray(operand.value)) return undefined;
  let best: JinjaValue | undefined;
  for (const item of operand.value as JinjaValue[]) {
    if (!best) {
      best = item;
      continue;
    }
    if (orderOf(item.value, best.value) * sign > 0) best = item;
  }
  return best ?? jv.undefined();
}
