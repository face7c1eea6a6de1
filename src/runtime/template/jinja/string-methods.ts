// Python string methods that BAML's minijinja offers (its pycompat layer) and the engine lacks.

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

/** The method `name` of a string value, when the engine does not have it. */
export function stringMethod(name: string): Method | undefined {
  return Object.hasOwn(METHODS, name) ? METHODS[name] : undefined;
}
