// Numbers and words (`true`, `false`, `null`) on the strict-JSON streaming path: what one shows
// while it is being written and what it is once terminated, as the general path has them.
import { NONE, type Shown } from './strict-frames.js';
import type { Plan } from './strict-plan.js';

const INT = /^-?(?:0|[1-9]\d*)$/;
const FLOAT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** An unterminated token as the general path shows it. */
export function wordShown(p: Plan, token: string): Shown {
  const c = token.charCodeAt(0);
  if (c === 110 /* n */) {
    if (token === 'null') return null;
    if (p.k === 'string') return token;
    return NONE;
  }
  if (p.k === 'bool') {
    if (token === 'true') return true;
    if (token === 'false') return false;
  }
  return NONE;
}

/** The value of a finished token, NONE when it is not JSON of the slot's type. */
export function tokenValue(p: Plan, token: string): Shown {
  switch (token) {
    case 'true':
      return p.k === 'bool' ? true : NONE;
    case 'false':
      return p.k === 'bool' ? false : NONE;
    case 'null':
      return p.nullable ? null : NONE;
  }
  // (-0 is left to the general path)
  const v = Number(token);
  if (Object.is(v, -0)) return NONE;
  if (p.k === 'int') {
    if (!INT.test(token)) return NONE;
    return Number.isSafeInteger(v) ? v : NONE;
  }
  if (p.k === 'float') {
    if (!FLOAT.test(token)) return NONE;
    return Number.isFinite(v) ? v : NONE;
  }
  return NONE;
}

/** The character a one-letter JSON escape (`\n`, `\t`, `\r`, `\b`, `\f`, `\\`, `\"`) stands for; -1 otherwise. */
export function simpleEscape(c: number): number {
  switch (c) {
    case 110:
      return 10;
    case 116:
      return 9;
    case 114:
      return 13;
    case 98:
      return 8;
    case 102:
      return 12;
    case 92:
    case 34:
      return c;
    default:
      return -1;
  }
}
