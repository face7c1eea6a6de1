// Jinja tests (`x is string`) as minijinja defines them where the engine's differ
// (minijinja/src/tests.rs): `sequence` is a list only, `iterable` whatever can be looped over,
// `odd` / `even` are false for a non-integer, and an enum value is an object (a mapping), not a
// string (BAML's `MinijinjaBamlEnumValue` has `ObjectRepr::Map`).

import { isEnumValue } from './arg-values.js';
import type { JinjaValue } from './runtime-values.js';

type Test = (operand: JinjaValue, ...args: JinjaValue[]) => boolean;

const isWhole = (v: JinjaValue): boolean =>
  (v.type === 'IntegerValue' || v.type === 'FloatValue') && Number.isInteger(v.value);

const OVERRIDES: Record<string, Test> = {
  string: (v) => v.type === 'StringValue' && !isEnumValue(v),
  mapping: (v) => v.type === 'ObjectValue' || isEnumValue(v),
  sequence: (v) => v.type === 'ArrayValue' || v.type === 'TupleValue',
  iterable: (v) =>
    v.type === 'ArrayValue' ||
    v.type === 'TupleValue' ||
    v.type === 'ObjectValue' ||
    (v.type === 'StringValue' && !isEnumValue(v)),
  odd: (v) => isWhole(v) && Math.abs(v.value % 2) === 1,
  even: (v) => isWhole(v) && v.value % 2 === 0,
};

/** minijinja's version of the test `name` where the engine's differs. */
export function minijinjaTest(name: unknown): Test | undefined {
  return typeof name === 'string' && Object.hasOwn(OVERRIDES, name) ? OVERRIDES[name] : undefined;
}
