// BAML's extra filters (spec §2.1 step 5), layered on top of the engine's built-in ones.

import { BamlError } from '../../errors/index.js';
import { aliasedViews, displayJinja, isEnumValue } from './arg-values.js';
import { bamlValueToJson } from './baml-value.js';
import { type JinjaValue, jv, toPlain } from './runtime-values.js';
import { toJson } from './to-json.js';
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
  // minijinja `round`: an integer is returned as it is; a float is rounded half away from zero
  // (Rust `f64::round`) to `precision` digits and stays a float.
  round(operand, args, kwargs) {
    if (operand.type === 'IntegerValue') return operand;
    if (operand.type !== 'FloatValue') return undefined;
    const given = args[0]?.value ?? kwargs.get('precision')?.value;
    const x = 10 ** (typeof given === 'number' ? given : 0);
    const scaled = x * operand.value;
    return jv.float((Math.sign(scaled) * Math.round(Math.abs(scaled))) / x);
  },
  tojson(operand, args, kwargs) {
    const given = args[0] ?? kwargs.get('indent');
    const indent =
      given === undefined || given.value === false
        ? undefined
        : given.value === true
          ? 2
          : Number(given.value);
    return jv.string(toJson(operand, indent));
  },
  // minijinja `title`: upper-case the first letter after whitespace or ASCII punctuation, lower
  // the others.
  title(operand) {
    if (typeof operand.value !== 'string') return undefined;
    let start = true;
    let out = '';
    for (const c of operand.value as string) {
      if (/[\s!-/:-@[-`{-~]/u.test(c)) {
        out += c;
        start = true;
      } else {
        out += start ? c.toUpperCase() : c.toLowerCase();
        start = false;
      }
    }
    return jv.string(out);
  },
  // minijinja `capitalize`: the first character upper-case, the rest lower-case.
  capitalize(operand) {
    if (typeof operand.value !== 'string') return undefined;
    const [first = '', ...rest] = operand.value as string;
    return jv.string(first.toUpperCase() + rest.join('').toLowerCase());
  },
  // minijinja `trim(chars)`: strips whitespace, or any of `chars`, from both ends.
  trim(operand, args) {
    if (typeof operand.value !== 'string') return undefined;
    const chars = args[0]?.value;
    if (typeof chars !== 'string') return jv.string((operand.value as string).trim());
    const set = new Set(chars);
    const list = [...(operand.value as string)];
    let a = 0;
    let b = list.length;
    while (a < b && set.has(list[a] as string)) a++;
    while (b > a && set.has(list[b - 1] as string)) b--;
    return jv.string(list.slice(a, b).join(''));
  },
  // minijinja `indent(width, first=false, blank=false)`: a trailing newline is dropped first, and
  // blank lines stay empty unless `blank` is true.
  indent(operand, args, kwargs) {
    if (typeof operand.value !== 'string') return undefined;
    const width = Number(args[0]?.value ?? kwargs.get('width')?.value ?? 0);
    const first = (args[1] ?? kwargs.get('first'))?.value === true;
    const blank = (args[2] ?? kwargs.get('blank'))?.value === true;
    const pad = ' '.repeat(width);
    const lines = stripNewline(operand.value as string).split('\n');
    const out = lines.map((line, i) =>
      i === 0 && !first ? line : line === '' ? (blank ? pad : '') : pad + line,
    );
    return jv.string(stripNewline(`${out.join('\n')}\n`));
  },
  // minijinja `slice(count, fill_with)`: `count` columns, the first ones one longer.
  slice(operand, args) {
    const items = Array.isArray(operand.value)
      ? (operand.value as JinjaValue[])
      : typeof operand.value === 'string'
        ? [...(operand.value as string)].map((c) => jv.string(c))
        : undefined;
    if (!items) return undefined;
    const count = Number(args[0]?.value);
    if (!Number.isInteger(count) || count < 1) throw new BamlError('slice: count cannot be 0');
    const per = Math.floor(items.length / count);
    const extra = items.length % count;
    const fill = args[1];
    const out: JinjaValue[] = [];
    let offset = 0;
    for (let i = 0; i < count; i++) {
      const start = offset + i * per;
      if (i < extra) offset++;
      const chunk = items.slice(start, offset + (i + 1) * per);
      if (fill && i >= extra) chunk.push(fill);
      out.push(jv.array(chunk));
    }
    return jv.array(out);
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
  // minijinja `join`: each item's Display (an enum value its alias, a float `1.0`), the joiner
  // written only once something precedes it; a map joins its keys, a string its characters.
  join(operand, args) {
    if (operand.type === 'NullValue' || operand.type === 'UndefinedValue') return jv.string('');
    const v = operand.value;
    const items: JinjaValue[] = Array.isArray(v)
      ? v
      : v instanceof Map
        ? [...(v as Map<string, JinjaValue>).keys()].map((k) => jv.string(k))
        : typeof v === 'string'
          ? [...v].map((c) => jv.string(c))
          : [];
    if (!Array.isArray(v) && !(v instanceof Map) && typeof v !== 'string')
      throw new BamlError(`invalid operation: cannot join value of type ${operand.type}`);
    const joiner = typeof args[0]?.value === 'string' ? (args[0].value as string) : '';
    let out = '';
    for (const item of items) {
      if (out !== '') out += joiner;
      out += displayJinja(item);
    }
    return jv.string(out);
  },
  // minijinja `bool`: the value's truthiness (an empty list, map or string is false).
  bool(operand) {
    const v = operand.value;
    if (Array.isArray(v)) return jv.bool(v.length > 0);
    if (v instanceof Map) return jv.bool(v.size > 0);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      return jv.bool(Boolean(v));
    if (operand.type === 'NullValue' || operand.type === 'UndefinedValue') return jv.bool(false);
    return undefined;
  },
  // minijinja `first` / `last` of a string: its first / last character (undefined when empty).
  first(operand) {
    if (typeof operand.value !== 'string') return undefined;
    const c = [...(operand.value as string)][0];
    return c === undefined ? jv.undefined() : jv.string(c);
  },
  last(operand) {
    if (typeof operand.value !== 'string') return undefined;
    const c = [...(operand.value as string)].at(-1);
    return c === undefined ? jv.undefined() : jv.string(c);
  },
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

/** Drops one trailing `\n`, then one trailing `\r` (minijinja's `strip_trailing_newline`). */
function stripNewline(text: string): string {
  const t = text.endsWith('\n') ? text.slice(0, -1) : text;
  return t.endsWith('\r') ? t.slice(0, -1) : t;
}

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
