// minijinja filters that need the interpreter (to run a test or another filter on each item):
// `select` / `reject` with an optional test name and argument, and `map` given a filter name.

import { BamlError } from '../../errors/index.js';
import { isKwargs, type JinjaValue, jv } from './runtime-values.js';

/** What a scoped filter may ask of the interpreter. */
export interface FilterContext {
  /** The one-argument test `name` (`odd`, `none`, `string`, …), if there is one. */
  test(name: string): ((operand: JinjaValue) => boolean) | undefined;
  /** Applies the filter `name` (with literal positional `args`) to `value`. */
  applyFilter(value: JinjaValue, name: string, args: JinjaValue[]): JinjaValue;
}

function truthy(value: JinjaValue): boolean {
  return (value as unknown as { __bool__(): { value: boolean } }).__bool__().value;
}

function compare(a: JinjaValue, b: JinjaValue): number {
  const x = a.value;
  const y = b.value;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
}

/** Tests that take an argument (minijinja's names and Jinja's aliases). */
const ARG_TESTS: Record<string, (v: JinjaValue, arg: JinjaValue) => boolean> = {
  divisibleby: (v, n) => typeof v.value === 'number' && v.value % Number(n.value) === 0,
  eq: (v, o) => v.value === o.value,
  equalto: (v, o) => v.value === o.value,
  '==': (v, o) => v.value === o.value,
  ne: (v, o) => v.value !== o.value,
  '!=': (v, o) => v.value !== o.value,
  lt: (v, o) => compare(v, o) < 0,
  lessthan: (v, o) => compare(v, o) < 0,
  '<': (v, o) => compare(v, o) < 0,
  le: (v, o) => compare(v, o) <= 0,
  '<=': (v, o) => compare(v, o) <= 0,
  gt: (v, o) => compare(v, o) > 0,
  greaterthan: (v, o) => compare(v, o) > 0,
  '>': (v, o) => compare(v, o) > 0,
  ge: (v, o) => compare(v, o) >= 0,
  '>=': (v, o) => compare(v, o) >= 0,
  in: (v, o) =>
    Array.isArray(o.value)
      ? (o.value as JinjaValue[]).some((x) => x.value === v.value)
      : typeof o.value === 'string'
        ? o.value.includes(String(v.value))
        : o.value instanceof Map && o.value.has(String(v.value)),
  startingwith: (v, o) => typeof v.value === 'string' && v.value.startsWith(String(o.value)),
  endingwith: (v, o) => typeof v.value === 'string' && v.value.endsWith(String(o.value)),
};

function items(operand: JinjaValue, filter: string): JinjaValue[] {
  if (Array.isArray(operand.value)) return operand.value as JinjaValue[];
  if (typeof operand.value === 'string') return [...operand.value].map((c) => jv.string(c));
  throw new BamlError(`${filter} expects a list, got ${operand.type}`);
}

/** An item's attribute (`a.b` for a dotted name), undefined when missing. */
function attribute(item: JinjaValue, path: string): JinjaValue {
  let v: JinjaValue = item;
  for (const part of path.split('.')) {
    const next =
      v.value instanceof Map ? (v.value as Map<string, JinjaValue>).get(part) : undefined;
    if (!next) return jv.undefined();
    v = next;
  }
  return v;
}

function selectOrReject(
  keep: boolean,
  operand: JinjaValue,
  given: JinjaValue[],
  ctx: FilterContext,
  filter: string,
  byAttribute = false,
): JinjaValue {
  const args = given.filter((a) => !isKwargs(a));
  const path = byAttribute ? String(args.shift()?.value ?? '') : undefined;
  const [name, arg] = args;
  let test: (v: JinjaValue) => boolean = truthy;
  if (name) {
    const testName = String(name.value);
    const withArg = ARG_TESTS[testName];
    const plain = ctx.test(testName);
    if (withArg && arg) test = (v) => withArg(v, arg);
    else if (plain) test = plain;
    else throw new BamlError(`${filter}: unknown test "${testName}"`);
  }
  const subject = (v: JinjaValue): JinjaValue => (path === undefined ? v : attribute(v, path));
  return jv.array(items(operand, filter).filter((v) => test(subject(v)) === keep));
}

/** Filters run here before the engine's own; `undefined` hands the call back to the engine. */
export const scopedFilters: Record<
  string,
  (operand: JinjaValue, args: JinjaValue[], ctx: FilterContext) => JinjaValue | undefined
> = {
  select: (operand, args, ctx) => selectOrReject(true, operand, args, ctx, 'select'),
  reject: (operand, args, ctx) => selectOrReject(false, operand, args, ctx, 'reject'),
  // minijinja `selectattr(attr, test, arg)` / `rejectattr`: the test applies to each item's
  // attribute (its truthiness without a test); the argument may be any value.
  selectattr: (operand, args, ctx) => selectOrReject(true, operand, args, ctx, 'selectattr', true),
  rejectattr: (operand, args, ctx) => selectOrReject(false, operand, args, ctx, 'rejectattr', true),
  map(operand, args, ctx) {
    const [name, ...rest] = args;
    // `map(attribute="x")` (keyword arguments only) is the engine's.
    if (!name || isKwargs(name) || typeof name.value !== 'string') return undefined;
    const filterArgs = rest.filter((a) => !isKwargs(a));
    return jv.array(
      items(operand, 'map').map((v) => ctx.applyFilter(v, name.value as string, filterArgs)),
    );
  },
};
