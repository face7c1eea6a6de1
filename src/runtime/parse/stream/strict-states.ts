// The strict-JSON streaming path's scanner states and the character and key tests it makes
// (see strict-stream.ts).
import type { RootPlan } from './strict-plan.js';

/** Containers nested deeper than this hand over to the general path (which caps at 100). */
export const MAX_DEPTH = 100;

// Scanner states (where the next character is read).
export const BEFORE_ROOT = 0;
/** After `{`: a key or `}`. */
export const KEY_OR_END = 1;
/** After `,` in an object: a key. */
export const KEY = 2;
export const IN_KEY = 3;
/** Right after a key's closing quote: `:` or blanks. */
export const KEY_CLOSED = 4;
/** Blanks after a key: `:`. */
export const COLON = 5;
/** A value (object value, or list item after `,`). */
export const VALUE = 6;
/** After `[`: an item or `]`. */
export const ITEM_OR_END = 7;
export const IN_STRING = 8;
/** Right after a value string's closing quote (the fixing scanner's pending decision). */
export const STRING_CLOSED = 9;
/** After a value: blanks, then `,` or the container's end. */
export const AFTER_VALUE = 10;
/** A number or word. */
export const IN_TOKEN = 11;
/** Blanks after a number or word. */
export const TOKEN_BLANK = 12;
/** Right after the `,` that ends an object value that is a number or word. */
export const TOKEN_COMMA = 13;
/** After the top-level value: the frame's suffix (see answer-frame.ts). */
export const AFTER_ROOT = 14;

/**
 * A map key the general path keeps as it is: not empty, no blanks around it, not integer-like
 * (JavaScript lists those keys first), not a name objects inherit (`__proto__`, `toString`, …).
 */
export function mapKey(key: string): boolean {
  if (key.length === 0 || key.trim() !== key || key in EMPTY) return false;
  const c = key.charCodeAt(0);
  return !(c >= 48 && c <= 57);
}

const EMPTY: Record<string, unknown> = {};

/** `{`, `}`, `[` or `]`: the JSON-in-prose stage counts them inside strings too. */
export function isBracket(c: number): boolean {
  const d = c & 0xdf;
  return d === 91 || d === 93;
}

export function isBlank(c: number): boolean {
  return c === 32 || c === 10 || c === 9;
}

/**
 * Whether a value in a tagged fence may be read here: a class with two or more fields, or a list
 * of classes, strings or lists (none of them `T?`). A one-field class reads the other
 * candidates' text as its field, and a list whose items are withheld until done (numbers,
 * bools, enums; `T?` may be too) shows [] from the candidate that reads the block as one item.
 */
export function fencedTarget(plan: RootPlan): boolean {
  if (plan.k === 'class') return plan.names.length >= 2;
  if (plan.k === 'map') return false; // (not worked out: left to the general path)
  const item = plan.item;
  return !item.nullable && (item.k === 'class' || item.k === 'string' || item.k === 'list');
}
