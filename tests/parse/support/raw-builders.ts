// Hand-made raw value trees for unit tests of the coercer (no scanner involved).
import type { RawValue } from '../../../src/runtime/parse/raw/raw-value.js';

/** A raw tree for a JSON value, every node complete unless `open` says otherwise. */
export function fromJson(v: unknown, open = false): RawValue {
  const completion = open ? 'incomplete' : 'complete';
  if (v === null) return { kind: 'null', rev: 0 };
  if (typeof v === 'boolean') return { kind: 'bool', value: v, rev: 0 };
  if (typeof v === 'number')
    return { kind: 'number', value: v, text: String(v), completion, rev: 0 };
  if (typeof v === 'string') return { kind: 'string', value: v, completion, rev: 0 };
  if (Array.isArray(v))
    return { kind: 'array', items: v.map((x) => fromJson(x)), completion, rev: 0 };
  return {
    kind: 'object',
    entries: Object.entries(v as Record<string, unknown>).map(([key, value]) => ({
      key,
      value: fromJson(value),
    })),
    completion,
    rev: 0,
  };
}

/** An open string (still being written). */
export const openString = (value: string): RawValue => ({
  kind: 'string',
  value,
  completion: 'incomplete',
  rev: 0,
});

/** An open number (no terminator yet). */
export const openNumber = (value: number): RawValue => ({
  kind: 'number',
  value,
  text: String(value),
  completion: 'incomplete',
  rev: 0,
});

/** An `AnyOf` root as the scanner produces it. */
export const anyOf = (text: string, ...candidates: RawValue[]): RawValue => ({
  kind: 'anyOf',
  candidates,
  text,
  rev: 0,
});
