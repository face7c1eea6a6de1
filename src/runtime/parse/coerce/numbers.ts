// Reading a number out of a string (spec §3.3 primitive rules): plain numbers, fractions `a/b`,
// thousands separators (BAML drops every comma inside a digit run, so "3,14" is 314), currency
// and percent signs, and exactly one number inside prose.

/** The number found in `text`, and whether it was taken out of longer text. */
export interface FoundNumber {
  value: number;
  fromProse: boolean;
}

const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const FRACTION = /^([+-]?\d+(?:\.\d+)?)\s*\/\s*([+-]?\d+(?:\.\d+)?)$/;
const TOKEN = /-?\d[\d,]*(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * Finds the number a string stands for, or null when there is none or more than one.
 *
 * @example findNumber('$1,234.56') // { value: 1234.56, fromProse: true }
 */
export function findNumber(input: string): FoundNumber | null {
  const text = input.trim().replace(/,+$/, '');
  if (text === '') return null;
  if (PLAIN.test(text)) return { value: Number(text), fromProse: false };
  const fraction = FRACTION.exec(text);
  if (fraction) {
    const denominator = Number(fraction[2]);
    if (denominator !== 0) return { value: Number(fraction[1]) / denominator, fromProse: false };
  }
  const tokens = text.match(TOKEN) ?? [];
  if (tokens.length !== 1) return null;
  const token = (tokens[0] ?? '').replace(/,/g, '');
  const value = Number(token);
  if (!Number.isFinite(value)) return null;
  return { value, fromProse: true };
}

/** Rounds half away from zero, as BAML does for floats coerced to int (`-2.5` → -3). */
export function roundHalfAwayFromZero(x: number): number {
  const r = Math.round(Math.abs(x));
  return x < 0 ? -r : r;
}
