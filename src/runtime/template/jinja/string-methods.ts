// Python string methods that BAML's minijinja offers (its pycompat layer) and the engine lacks.

import { BamlError } from '../../errors/index.js';
import { isKwargs, type JinjaValue, jv } from './runtime-values.js';

type Method = (text: string, args: JinjaValue[]) => JinjaValue;

function positional(args: JinjaValue[]): unknown[] {
  return args.filter((a) => !isKwargs(a)).map((a) => a.value);
}

/** `text[start:end]` with Python's index rules, and the offset of its start. */
function window(text: string, start: unknown, end: unknown): [string, number] {
  const chars = [...text];
  const clamp = (i: unknown, fallback: number) => {
    if (typeof i !== 'number') return fallback;
    const n = i < 0 ? chars.length + i : i;
    return Math.min(Math.max(n, 0), chars.length);
  };
  const from = clamp(start, 0);
  return [chars.slice(from, clamp(end, chars.length)).join(''), from];
}

/** Character index of `needle` in `hay` from a UTF-16 offset. */
function charIndex(hay: string, unitIndex: number): number {
  return [...hay.slice(0, unitIndex)].length;
}

/** Python's format-spec mini-language, the common part: fill/align, width, precision, type. */
function applySpec(value: JinjaValue, spec: string, text: string): string {
  const m = /^(?:(.)?([<>^]))?(0)?(\d+)?(?:\.(\d+))?([sdfe%])?$/.exec(spec);
  if (!m) throw new BamlError(`format: unsupported format spec "${spec}"`);
  const [, fill = ' ', align, zero, width, precision, type] = m;
  let out = text;
  const n = typeof value.value === 'number' ? value.value : Number.NaN;
  if (type === 'f' || (precision !== undefined && type === undefined && !Number.isNaN(n)))
    out = n.toFixed(Number(precision ?? 6));
  else if (type === 'e')
    out = n.toExponential(Number(precision ?? 6)).replace(/e([+-])(\d)$/, 'e$10$2');
  else if (type === '%') out = `${(n * 100).toFixed(Number(precision ?? 6))}%`;
  else if (type === 'd') out = String(Math.trunc(n));
  else if (precision !== undefined) out = [...text].slice(0, Number(precision)).join('');
  const w = Number(width ?? 0);
  const pad = Math.max(0, w - [...out].length);
  if (pad === 0) return out;
  const numeric = typeof value.value === 'number';
  const how = align ?? (zero ? '=' : numeric ? '>' : '<');
  const f = zero && !align ? '0' : fill;
  if (how === '<') return out + f.repeat(pad);
  if (how === '^') return f.repeat(Math.floor(pad / 2)) + out + f.repeat(Math.ceil(pad / 2));
  return f.repeat(pad) + out;
}

/** `"{} and {name}".format(a, name=b)`: Python's str.format with auto, numbered and named fields. */
function format(text: string, args: JinjaValue[], show: (v: JinjaValue) => string): JinjaValue {
  const kwargs = args.find(isKwargs);
  const named = (kwargs?.value ?? new Map()) as Map<string, JinjaValue>;
  const given = args.filter((a) => !isKwargs(a));
  let auto = 0;
  const out = text.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (whole, field: string | undefined) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    const [key = '', spec = ''] = (field ?? '').split(/:(.*)/s);
    const [base = '', ...path] = key.split('.');
    let value: JinjaValue | undefined =
      base === '' ? given[auto++] : /^\d+$/.test(base) ? given[Number(base)] : named.get(base);
    for (const attr of path)
      value =
        value?.value instanceof Map
          ? (value.value as Map<string, JinjaValue>).get(attr)
          : undefined;
    if (!value) throw new BamlError(`format: no value for the field "{${field ?? ''}}"`);
    return spec ? applySpec(value, spec, show(value)) : show(value);
  });
  return jv.string(out);
}

const METHODS: Record<string, Method> = {
  count(text, args) {
    const [sub, start, end] = positional(args);
    const [hay] = window(text, start, end);
    const needle = String(sub ?? '');
    if (needle === '') return jv.int([...hay].length + 1);
    return jv.int(hay.split(needle).length - 1);
  },
  find(text, args) {
    const [sub, start, end] = positional(args);
    const [hay, offset] = window(text, start, end);
    const at = hay.indexOf(String(sub ?? ''));
    return jv.int(at < 0 ? -1 : offset + charIndex(hay, at));
  },
  rfind(text, args) {
    const [sub, start, end] = positional(args);
    const [hay, offset] = window(text, start, end);
    const at = hay.lastIndexOf(String(sub ?? ''));
    return jv.int(at < 0 ? -1 : offset + charIndex(hay, at));
  },
  join(text, args) {
    const [items] = args;
    const list = Array.isArray(items?.value) ? (items.value as JinjaValue[]) : [];
    return jv.string(list.map((v) => v.toString()).join(text));
  },
  splitlines: (text) =>
    jv.array(
      text
        .split(/\r\n|\r|\n/)
        .filter((l, i, all) => i < all.length - 1 || l !== '')
        .map((l) => jv.string(l)),
    ),
  isdigit: (text) => jv.bool(/^\p{Nd}+$/u.test(text)),
  isnumeric: (text) => jv.bool(/^\p{N}+$/u.test(text)),
  isalpha: (text) => jv.bool(/^\p{L}+$/u.test(text)),
  isalnum: (text) => jv.bool(/^[\p{L}\p{N}]+$/u.test(text)),
  isspace: (text) => jv.bool(/^\s+$/u.test(text)),
  islower: (text) => jv.bool(/\p{Ll}/u.test(text) && !/\p{Lu}/u.test(text)),
  isupper: (text) => jv.bool(/\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text)),
};

/**
 * The method `name` of a string value, when the engine does not have it; `show` prints a value
 * the way `{{ value }}` would (for `.format()`).
 */
export function stringMethod(name: string, show: (v: JinjaValue) => string): Method | undefined {
  if (name === 'format') return (text, args) => format(text, args, show);
  return Object.hasOwn(METHODS, name) ? METHODS[name] : undefined;
}
