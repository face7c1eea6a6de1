// A small evaluator for the Jinja expressions inside `@check` / `@assert` (`{{ this.age >= 18 }}`).
// It covers what constraint expressions use: literals, `this` and attribute access, comparisons,
// `and` / `or` / `not`, arithmetic, parentheses and the filters `length`, `upper`, `lower`,
// `regex_match`. Comparing with `none` follows Jinja: only `none == none` holds.
//
// Undefined and none stay apart as in minijinja (BAML renders `{{ expr }}` with minijinja's
// lenient undefined): a missing attribute is undefined (JS `undefined`), a null field is none
// (JS `null`); reading an attribute of undefined is an error, of anything else undefined
// (minijinja vm `GetAttr` + `UndefinedBehavior::handle_undefined`). BAML then reads the rendered
// text: `true` or `false`, anything else is an error (jinja_helpers.rs `evaluate_predicate`).

import { divEuclid, remEuclid } from '../../template/jinja/euclid.js';

type Value = unknown;

interface Token {
  type: 'num' | 'str' | 'name' | 'op' | 'end';
  text: string;
}

const OPERATORS = [
  '==',
  '!=',
  '<=',
  '>=',
  '//',
  '**',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '(',
  ')',
  '[',
  ']',
  '.',
  '|',
  ',',
  '~',
];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ type: 'num', text: num[0] });
      i += num[0].length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== ch) {
        if (src[j] === '\\' && j + 1 < src.length) {
          const next = src[j + 1] ?? '';
          s += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          j += 2;
        } else s += src[j++];
      }
      out.push({ type: 'str', text: s });
      i = j + 1;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      out.push({ type: 'name', text: name[0] });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) throw new Error(`unexpected character ${JSON.stringify(ch)} in expression`);
    out.push({ type: 'op', text: op });
    i += op.length;
  }
  out.push({ type: 'end', text: '' });
  return out;
}

function truthy(v: Value): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (v !== null && typeof v === 'object') return Object.keys(v).length > 0;
  return Boolean(v);
}

function rank(v: Value): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'boolean') return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  return 4;
}

// Ordering follows minijinja: values of different kinds order by kind, `none` lowest, so
// `none <= none` holds and `5 <= none` does not.
function compare(op: string, a: Value, b: Value): boolean {
  if (op === '==') return looseEqual(a, b);
  if (op === '!=') return !looseEqual(a, b);
  const ra = rank(a);
  const rb = rank(b);
  let c: number;
  if (ra !== rb) c = ra - rb;
  else if (ra === 0) c = 0;
  else {
    const x = a as number | string;
    const y = b as number | string;
    c = x < y ? -1 : x > y ? 1 : 0;
  }
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

function looseEqual(a: Value, b: Value): boolean {
  // minijinja's `PartialEq`: none equals none, undefined equals undefined, not each other.
  if (a === undefined || b === undefined) return a === b;
  if (a === null || b === null) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The error minijinja raises for an operation on an undefined value (lenient mode). */
class UndefinedError extends Error {
  constructor() {
    super('undefined value');
  }
}

/** `value.name` / `value[key]` as minijinja looks them up: undefined where nothing is found. */
function getItem(value: Value, key: Value): Value {
  if (value === undefined) throw new UndefinedError();
  if (Array.isArray(value)) {
    if (typeof key !== 'number' || !Number.isInteger(key)) return undefined;
    return value[key < 0 ? value.length + key : key];
  }
  if (typeof value === 'string') {
    if (typeof key !== 'number' || !Number.isInteger(key)) return undefined;
    const chars = [...value];
    return chars[key < 0 ? chars.length + key : key];
  }
  if (value !== null && typeof value === 'object') {
    const k = String(key);
    return Object.hasOwn(value, k) ? ((value as Record<string, Value>)[k] ?? null) : undefined;
  }
  return undefined;
}

/** Attribute access (`a.b`): by name only, never an index. */
function getAttr(value: Value, name: string): Value {
  if (value === undefined) throw new UndefinedError();
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return Object.hasOwn(value, name)
      ? ((value as Record<string, Value>)[name] ?? null)
      : undefined;
  return undefined;
}

/** minijinja's comparison tests (`is eq 3`, `is greaterthan 0`, …) and their operators. */
const COMPARISON_TESTS: ReadonlyMap<string, string> = new Map([
  ['eq', '=='],
  ['equalto', '=='],
  ['sameas', '=='],
  ['ne', '!='],
  ['lt', '<'],
  ['lessthan', '<'],
  ['le', '<='],
  ['gt', '>'],
  ['greaterthan', '>'],
  ['ge', '>='],
]);

// minijinja's tests (`is none`, `is defined`, …); an unknown test is an error.
/** A value as `~` joins it (minijinja's Display): none is `none`, undefined is empty. */
function concatText(value: Value): string {
  if (value === undefined) return '';
  return value === null ? 'none' : String(value);
}

/**
 * `a % b` / `a // b` as minijinja computes them, as in templates (euclid.ts): Euclidean on whole
 * numbers, `%` truncated on others; a whole-number division by zero is an error.
 */
function euclidean(op: '%' | '//', left: Value, right: Value): number {
  const a = left as number;
  const b = right as number;
  const ints = Number.isInteger(a) && Number.isInteger(b);
  if (ints && b === 0) throw new Error(`invalid operation: unable to calculate ${a} ${op} ${b}`);
  if (op === '%') return ints ? remEuclid(a, b) : a % b;
  return divEuclid(a, b);
}

function applyTest(name: string, v: Value, args: Value[]): boolean {
  const op = COMPARISON_TESTS.get(name);
  if (op !== undefined) return compare(op, v, args[0]);
  switch (name) {
    case 'none':
      return v === null;
    case 'defined':
      return v !== undefined;
    case 'undefined':
      return v === undefined;
    case 'number':
      return typeof v === 'number';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'float':
      return typeof v === 'number' && !Number.isInteger(v);
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'true':
      return v === true;
    case 'false':
      return v === false;
    case 'sequence':
    case 'iterable':
      return Array.isArray(v) || typeof v === 'string' || (v !== null && typeof v === 'object');
    case 'mapping':
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'odd':
      return typeof v === 'number' && Math.abs(v % 2) === 1;
    case 'even':
      return typeof v === 'number' && v % 2 === 0;
    case 'divisibleby':
      return typeof v === 'number' && typeof args[0] === 'number' && v % args[0] === 0;
    case 'in':
      return Array.isArray(args[0])
        ? args[0].some((x) => looseEqual(x, v))
        : typeof args[0] === 'string' && args[0].includes(String(v));
    default:
      throw new Error(`unknown test: test ${name} is unknown`);
  }
}

function applyFilter(name: string, value: Value, args: Value[]): Value {
  switch (name) {
    case 'length':
    case 'count':
      if (typeof value === 'string' || Array.isArray(value)) return value.length;
      if (value !== null && typeof value === 'object') return Object.keys(value).length;
      throw new Error('length of a value without one');
    case 'upper':
      return String(value ?? '').toUpperCase();
    case 'lower':
      return String(value ?? '').toLowerCase();
    case 'trim':
      return String(value ?? '').trim();
    case 'abs':
      return Math.abs(Number(value));
    case 'regex_match':
      return typeof value === 'string' && new RegExp(String(args[0] ?? '')).test(value);
    default:
      throw new Error(`unknown filter: filter ${name} is unknown`);
  }
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly scope: Record<string, Value>,
  ) {}

  private peek(): Token {
    return this.tokens[this.pos] ?? { type: 'end', text: '' };
  }
  private next(): Token {
    return this.tokens[this.pos++] ?? { type: 'end', text: '' };
  }
  /** `(a, b, …)` after a filter or test name, if there is one. */
  private callArgs(): Value[] {
    const args: Value[] = [];
    if (this.accept('(') && !this.accept(')')) {
      do args.push(this.or());
      while (this.accept(','));
      this.accept(')');
    }
    return args;
  }

  private accept(text: string): boolean {
    const t = this.peek();
    if ((t.type === 'op' || t.type === 'name') && t.text === text) {
      this.pos++;
      return true;
    }
    return false;
  }

  parse(): Value {
    const v = this.or();
    if (this.peek().type !== 'end') throw new Error(`unexpected ${this.peek().text}`);
    return v;
  }
  private or(): Value {
    let v = this.and();
    while (this.accept('or')) {
      const r = this.and();
      v = truthy(v) ? v : r;
    }
    return v;
  }
  private and(): Value {
    let v = this.not();
    while (this.accept('and')) {
      const r = this.not();
      v = truthy(v) ? r : v;
    }
    return v;
  }
  private not(): Value {
    if (this.accept('not')) return !truthy(this.not());
    return this.comparison();
  }
  private comparison(): Value {
    let v = this.additive();
    for (;;) {
      const t = this.peek();
      if (t.type === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.text)) {
        this.pos++;
        v = compare(t.text, v, this.additive());
      } else if (
        t.type === 'name' &&
        (t.text === 'in' || (t.text === 'not' && this.tokens[this.pos + 1]?.text === 'in'))
      ) {
        // `x in y` and `x not in y`.
        const negate = t.text === 'not';
        this.pos += negate ? 2 : 1;
        const hay = this.additive();
        const found =
          typeof hay === 'string'
            ? hay.includes(String(v))
            : Array.isArray(hay)
              ? hay.some((x) => looseEqual(x, v))
              : hay !== null && typeof hay === 'object'
                ? Object.hasOwn(hay, String(v))
                : false;
        v = negate ? !found : found;
      } else return v;
    }
  }
  private additive(): Value {
    let v = this.multiplicative();
    for (;;) {
      if (this.accept('+')) v = (v as number) + (this.multiplicative() as number);
      else if (this.accept('-')) v = (v as number) - (this.multiplicative() as number);
      else if (this.accept('~')) v = concatText(v) + concatText(this.multiplicative());
      else return v;
    }
  }
  private multiplicative(): Value {
    let v = this.unary();
    for (;;) {
      if (this.accept('*')) v = (v as number) * (this.unary() as number);
      else if (this.accept('//')) v = euclidean('//', v, this.unary());
      else if (this.accept('/')) v = (v as number) / (this.unary() as number);
      else if (this.accept('%')) v = euclidean('%', v, this.unary());
      else return v;
    }
  }
  private unary(): Value {
    if (this.accept('-')) return -(this.unary() as number);
    return this.postfix();
  }
  private postfix(): Value {
    let v = this.primary();
    for (;;) {
      if (this.accept('.')) {
        const name = this.next();
        // `a.0` reads an index, like `a[0]`.
        v = name.type === 'num' ? getItem(v, Number(name.text)) : getAttr(v, name.text);
      } else if (this.accept('[')) {
        const key = this.or();
        this.accept(']');
        v = getItem(v, key);
      } else if (this.accept('|')) {
        const name = this.next().text;
        const args = this.callArgs();
        v = applyFilter(name, v, args);
      } else if (this.accept('is')) {
        // A Jinja test (`this.x is none`, `is not none`, `is number`, …), at the filter level.
        const negate = this.accept('not');
        const name = this.next().text;
        const args = this.callArgs();
        const r = applyTest(name, v, args);
        v = negate ? !r : r;
      } else return v;
    }
  }
  private primary(): Value {
    const t = this.next();
    if (t.type === 'num') return Number(t.text);
    if (t.type === 'str') return t.text;
    if (t.type === 'op' && t.text === '(') {
      const v = this.or();
      this.accept(')');
      return v;
    }
    if (t.type === 'op' && t.text === '[') {
      const items: Value[] = [];
      if (!this.accept(']')) {
        do items.push(this.or());
        while (this.accept(','));
        this.accept(']');
      }
      return items;
    }
    if (t.type === 'name') {
      if (t.text === 'true' || t.text === 'True') return true;
      if (t.text === 'false' || t.text === 'False') return false;
      if (t.text === 'none' || t.text === 'None') return null;
      return Object.hasOwn(this.scope, t.text) ? this.scope[t.text] : undefined;
    }
    throw new Error(`unexpected ${t.text || 'end of expression'}`);
  }
}

/** What `{{ value }}` prints under BAML's formatter, for the values that can decide a predicate. */
function rendered(v: Value): string | undefined {
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v;
  return undefined;
}

/**
 * Evaluates a constraint expression with `this` bound to the value. The result is true or false
 * when the expression prints `true` or `false` (a boolean, or a string holding that text), as
 * BAML compares the rendered text; an expression that fails (an unknown test or filter, an
 * attribute of undefined) or prints anything else gives an `Error`, which BAML reports as
 * "Failed to evaluate constraints".
 *
 * @example evaluateConstraint('this|length < 5', 'abc') // true
 * @example evaluateConstraint('this is nonsense', 1) instanceof Error // true
 */
export function evaluateConstraint(expression: string, thisValue: unknown): boolean | Error {
  let value: Value;
  try {
    value = new Parser(tokenize(expression), { this: thisValue }).parse();
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
  const text = rendered(value);
  if (text === 'true') return true;
  if (text === 'false') return false;
  return new Error('Predicate did not evaluate to a boolean');
}
