// Binary operators where minijinja (minijinja/src/value/ops.rs) and the engine disagree:
// - `%` on integers is Rust's `checked_rem_euclid` (`-7 % 3` is 2), `//` is `div_euclid` for
//   integers and floats (`-7 // 2` is -4, `7 // -2` is -3); by zero they are an error;
// - `+` joins two strings but refuses a string and anything else (`impossible_op`).
// Anything else goes to the engine (`undefined` from `binaryOperator`).

import { BamlError } from '../../errors/index.js';
import { isEnumValue } from './arg-values.js';
import { divEuclid, remEuclid } from './euclid.js';
import { type JinjaValue, jv } from './runtime-values.js';

const isNumber = (v: JinjaValue): boolean => v.type === 'IntegerValue' || v.type === 'FloatValue';

/** The kind minijinja names in its errors, by the engine's value class. */
const KINDS: Record<string, string> = {
  StringValue: 'string',
  IntegerValue: 'number',
  FloatValue: 'number',
  BooleanValue: 'bool',
  NullValue: 'none',
  UndefinedValue: 'undefined',
  ArrayValue: 'sequence',
  TupleValue: 'sequence',
  ObjectValue: 'map',
};

function kindOf(v: JinjaValue): string {
  return isEnumValue(v) ? 'map' : (KINDS[v.type] ?? 'plain object');
}

/** `left op right` as minijinja computes it, or `undefined` to let the engine do it. */
export function binaryOperator(
  op: string,
  left: JinjaValue,
  right: JinjaValue,
): JinjaValue | undefined {
  if (op === '+') {
    const leftText = left.type === 'StringValue' && !isEnumValue(left);
    const rightText = right.type === 'StringValue' && !isEnumValue(right);
    if (leftText !== rightText)
      throw new BamlError(
        `invalid operation: tried to use + operator on unsupported types ${kindOf(left)} and ${kindOf(right)}`,
      );
    return undefined;
  }
  if ((op !== '%' && op !== '//') || !isNumber(left) || !isNumber(right)) return undefined;
  const a = left.value as number;
  const b = right.value as number;
  const ints = left.type === 'IntegerValue' && right.type === 'IntegerValue';
  if (ints && b === 0)
    throw new BamlError(`invalid operation: unable to calculate ${a} ${op} ${b}`);
  if (op === '%') return ints ? jv.int(remEuclid(a, b)) : jv.float(a % b);
  return ints ? jv.int(divEuclid(a, b)) : jv.float(divEuclid(a, b));
}
