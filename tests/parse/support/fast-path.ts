// Helpers for the strict-JSON fast path tests: the full final path on its own (stage A, then the
// final-mode Coercer, exactly what parseFinal ran before the fast path), and a comparison that
// is stricter than toEqual (key order, -0, prototypes).
import type { Program, Type } from '../../../src/ir/types.js';
import { Coercer } from '../../../src/runtime/parse/coerce/coercer.js';
import {
  NOT_APPLICABLE,
  strictJsonCast,
} from '../../../src/runtime/parse/coerce/strict-json-cast.js';
import { parseRaw } from '../../../src/runtime/parse/raw/index.js';

export { NOT_APPLICABLE, strictJsonCast };

/** The full path's final value, or `{ error }` with the issue code. */
export function fullFinal(program: Program, target: Type, text: string): unknown {
  const r = new Coercer(program, 'final').coerceRoot(target, parseRaw(text, true), text);
  return r.ok ? r.value : { error: r.issue.code };
}

/**
 * The first difference between two values, or null: primitives by Object.is, arrays item by
 * item, objects by prototype, key order and values.
 */
export function valueDiff(a: unknown, b: unknown, path = '$'): string | null {
  if (Object.is(a, b)) return null;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
    return `${path}: ${show(a)} vs ${show(b)}`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: prototypes differ`;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return `${path}: length ${a.length} vs ${bb.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = valueDiff(a[i], bb[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join('\u0000') !== kb.join('\u0000')) return `${path}: keys ${show(ka)} vs ${show(kb)}`;
  for (const k of ka) {
    const d = valueDiff(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      `${path}.${k}`,
    );
    if (d) return d;
  }
  return null;
}

function show(v: unknown): string {
  return Object.is(v, -0) ? '-0' : (JSON.stringify(v) ?? String(v));
}

/**
 * Runs the fast path on `text`: undefined when it does not apply, else the difference from the
 * full path (null when they agree; a full-path failure is a difference too).
 */
export function fastVsFull(
  program: Program,
  target: Type,
  text: string,
): string | null | undefined {
  const fast = strictJsonCast(program, target, text);
  if (fast === NOT_APPLICABLE) return undefined;
  return valueDiff(fast, fullFinal(program, target, text));
}
