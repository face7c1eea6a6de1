// Expressions of BAML's statement syntax: literals, arrays, maps, class constructors, calls,
// field and index access, unary and binary operators, `if` expressions and blocks.
//
// The lexer has no tokens for most operators (`+`, `&&`, `;`…): they come as one-character
// `unknown` tokens (or `<`, `=`, `|`, `.`), and an operator is read from the source text and
// consumed token by token. Binary operators, `.` and `[` must continue the operand's line, as in
// BAML's grammar, which is what lets statements end at a line break.

import { DiagnosticSink } from '../../../diagnostics/diagnostic.js';
import type {
  BinaryOperator,
  Block,
  ConstructorField,
  Expr,
  IfExpr,
  MapEntry,
  Name,
  TypeExpr,
} from '../ast.js';
import { Lexer } from '../lexer.js';
import { ParseAbort, type ParserState } from '../parser-state.js';
import type { Token } from '../tokens.js';
import { readType } from './types.js';

/** A body that is not valid statement syntax; the reader of the declaration reports it. */
export class BodySyntaxError extends Error {}

/** Fails the statement body being read. */
export function hardFail(): never {
  throw new BodySyntaxError();
}

/** Words that start a statement and so never name a variable at the start of one. */
export const STATEMENT_KEYWORDS = new Set([
  'let',
  'watch',
  'if',
  'else',
  'for',
  'while',
  'return',
  'break',
  'continue',
  'assert',
]);

/** The `n` tokens after the current one, read by a throw-away lexer (no diagnostics). */
export function peekTokens(p: ParserState, n: number): Token[] {
  const lexer = new Lexer(p.text, new DiagnosticSink(''));
  lexer.pos = p.token.end;
  const tokens: Token[] = [];
  for (let i = 0; i < n; i++) tokens.push(lexer.next());
  return tokens;
}

/** Assignment operators, longest first. */
export const ASSIGN_OPERATORS = ['<<=', '>>=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '='];

/** Every operator, longest first (so `<<=` is read before `<<` and `<`). */
const OPERATORS = [
  ...ASSIGN_OPERATORS.slice(0, 2),
  '...',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  ...ASSIGN_OPERATORS.slice(2, -1),
  '<<',
  '>>',
  '=>',
  ...['+', '-', '*', '/', '%', '!', '&', '|', '^', '<', '>', '=', ';'],
];
const OPERATOR_TOKENS = new Set(['<', '>', '=', '|', '.', 'unknown']);

const PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  instanceof: 4,
  '|': 5,
  '^': 6,
  '&': 7,
  '<<': 8,
  '>>': 8,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
};

/** The operator the current token starts (read from the text), if any. */
export function peekOperator(p: ParserState): string | undefined {
  const t = p.token;
  if (t.kind === 'ident' && t.value === 'instanceof') return 'instanceof';
  if (!OPERATOR_TOKENS.has(t.kind)) return undefined;
  for (const op of OPERATORS) if (p.text.startsWith(op, t.start)) return op;
  return undefined;
}

/** Consumes the tokens that make up `op` (which the current token starts). */
export function takeOperator(p: ParserState, op: string): void {
  const end = p.token.start + op.length;
  do p.advance();
  while (p.previousEnd < end && !p.is('eof'));
}

/** Whether the current token is `;`. */
export function isSemicolon(p: ParserState): boolean {
  return p.is('unknown', ';');
}

/** Options of expression reading: `noStruct` is set in `if`/`while`/`for` headers. */
interface Context {
  noStruct: boolean;
}

/** Reads an expression. */
export function readExpr(p: ParserState, noStruct = false): Expr {
  return readBinary(p, 1, { noStruct });
}

function readBinary(p: ParserState, minPrecedence: number, ctx: Context): Expr {
  return continueBinary(p, readUnary(p, ctx), minPrecedence, ctx);
}

/**
 * How deep operator chains (`a + b + …`, `x[0][1]…`) may make one expression's tree, counted
 * across nesting: later phases walk the tree recursively, so its depth must stay bounded.
 */
export const MAX_CHAIN_DEPTH = 1000;
const chainDepth = new WeakMap<ParserState, number>();

/** Runs `read` with the chain depth raised by `count` (the links read so far), bounded. */
function deeperChain(p: ParserState, count: number): void {
  const depth = (chainDepth.get(p) ?? 0) + count;
  if (depth > MAX_CHAIN_DEPTH) {
    p.sink.report('too_deeply_nested', p.token, { limit: MAX_CHAIN_DEPTH });
    throw new ParseAbort();
  }
  chainDepth.set(p, depth);
}

function continueBinary(p: ParserState, first: Expr, minPrecedence: number, ctx: Context): Expr {
  let links = 0;
  try {
    return continueBinaryLinks(p, first, minPrecedence, ctx, () => {
      deeperChain(p, 1);
      links++;
    });
  } finally {
    chainDepth.set(p, (chainDepth.get(p) ?? 0) - links);
  }
}

function continueBinaryLinks(
  p: ParserState,
  first: Expr,
  minPrecedence: number,
  ctx: Context,
  link: () => void,
): Expr {
  let left = first;
  for (;;) {
    if (p.token.newlineBefore) return left;
    splitNegativeNumber(p);
    const op = peekOperator(p);
    const precedence = op === undefined ? undefined : PRECEDENCE[op];
    if (op === undefined || precedence === undefined || precedence < minPrecedence) return left;
    takeOperator(p, op);
    link();
    const right = readBinary(p, precedence + 1, ctx);
    left = {
      kind: 'binary',
      op: op as BinaryOperator,
      left,
      right,
      start: left.start,
      end: right.end,
    };
  }
}

/** `a -1` lexes `-1` as one number: read it as the operator `-` and the number `1`. */
function splitNegativeNumber(p: ParserState): void {
  const t = p.token;
  if (t.kind !== 'number' || !t.value.startsWith('-')) return;
  p.token = { kind: 'unknown', start: t.start, end: t.start + 1, value: '-', newlineBefore: false };
  p.lexer.pos = t.start + 1;
}

function readUnary(p: ParserState, ctx: Context): Expr {
  const op = peekOperator(p);
  if (op === '!' || op === '-') {
    const start = p.token.start;
    takeOperator(p, op);
    const operand = p.nested(() => readUnary(p, ctx));
    return { kind: 'unary', op, operand, start, end: operand.end };
  }
  return readPostfix(p, ctx);
}

function readPostfix(p: ParserState, ctx: Context): Expr {
  let links = 0;
  try {
    return readPostfixLinks(p, ctx, () => {
      deeperChain(p, 1);
      links++;
    });
  } finally {
    chainDepth.set(p, (chainDepth.get(p) ?? 0) - links);
  }
}

function readPostfixLinks(p: ParserState, ctx: Context, link: () => void): Expr {
  let expr = readPrimary(p, ctx);
  for (;;) {
    if (p.token.newlineBefore) return expr;
    if (p.is('[') || p.is('.')) link();
    if (p.is('[')) {
      p.advance();
      const index = p.nested(() => readExpr(p));
      expectToken(p, ']');
      expr = { kind: 'index', target: expr, index, start: expr.start, end: p.previousEnd };
    } else if (p.is('.') && !p.text.startsWith('...', p.token.start)) {
      p.advance();
      const member = readMemberName(p);
      if (isPath(expr) && p.is('{') && !ctx.noStruct) {
        const className = {
          value: `${pathText(expr)}.${member.value}`,
          start: expr.start,
          end: member.end,
        };
        expr = readConstructor(p, className);
      } else if (p.is('(') || isGenericCall(p)) {
        const typeArg = isGenericCall(p) ? readTypeArgument(p) : undefined;
        const args = readArguments(p);
        expr = {
          kind: 'method',
          target: expr,
          method: member,
          args,
          start: expr.start,
          end: p.previousEnd,
          ...(typeArg ? { typeArg } : {}),
        };
      } else {
        expr = { kind: 'field', target: expr, field: member, start: expr.start, end: member.end };
      }
    } else {
      return expr;
    }
  }
}

/** A field or method name after `.`; `$watch` keeps its `$`. */
function readMemberName(p: ParserState): Name {
  if (p.is('unknown', '$')) {
    const dollar = p.advance();
    const word = p.token;
    if (word.kind !== 'ident' || word.start !== dollar.end) hardFail();
    p.advance();
    return { value: `$${word.value}`, start: dollar.start, end: word.end };
  }
  if (!p.is('ident')) hardFail();
  const token = p.advance();
  return { value: token.value, start: token.start, end: token.end };
}

function isPath(expr: Expr): boolean {
  return expr.kind === 'var' || (expr.kind === 'field' && isPath(expr.target));
}

function pathText(expr: Expr): string {
  if (expr.kind === 'var') return expr.name;
  if (expr.kind === 'field') return `${pathText(expr.target)}.${expr.field.value}`;
  return '';
}

/** `name<Type>(…)`: a `<` right after the name, a type, `>` and `(`. */
function isGenericCall(p: ParserState): boolean {
  if (!p.is('<') || p.token.start !== p.previousEnd) return false;
  const close = p.text.indexOf('>', p.token.start);
  if (close < 0) return false;
  const inner = p.text.slice(p.token.start + 1, close);
  return /^[\s\w.?|[\]]*$/.test(inner) && /^\s*\(/.test(p.text.slice(close + 1));
}

function readTypeArgument(p: ParserState): TypeExpr {
  p.advance();
  const type = readType(p);
  expectToken(p, '>');
  return type;
}

function readArguments(p: ParserState): Expr[] {
  expectToken(p, '(');
  const args: Expr[] = [];
  while (!p.is(')')) {
    args.push(p.nested(() => readExpr(p)));
    if (!p.is(',')) break;
    p.advance();
  }
  expectToken(p, ')');
  return args;
}

function expectToken(p: ParserState, kind: '(' | ')' | '[' | ']' | '{' | '}' | '>' | ':'): Token {
  if (!p.is(kind)) hardFail();
  return p.advance();
}

function readPrimary(p: ParserState, ctx: Context): Expr {
  const t = p.token;
  switch (t.kind) {
    case 'number': {
      p.advance();
      const float = /[.eE]/.test(t.value);
      return {
        kind: 'number',
        raw: t.value,
        value: Number(t.value),
        float,
        start: t.start,
        end: t.end,
      };
    }
    case 'string':
    case 'raw_string':
      p.advance();
      return { kind: 'string', value: t.value, start: t.start, end: t.end };
    case 'expression':
      p.advance();
      return { kind: 'jinja', text: t.value, start: t.start, end: t.end };
    case '[':
      return p.nested(() => readArray(p));
    case '{':
      return p.nested(() =>
        looksLikeMap(p)
          ? readMap(p)
          : { kind: 'block', block: readBlockWith(p), start: t.start, end: p.previousEnd },
      );
    case '(': {
      p.advance();
      const inner = p.nested(() => readExpr(p));
      expectToken(p, ')');
      return { ...inner, start: t.start, end: p.previousEnd };
    }
    case 'ident':
      return readWord(p, ctx);
    default:
      return hardFail();
  }
}

function readWord(p: ParserState, ctx: Context): Expr {
  const t = p.advance();
  const name: Name = { value: t.value, start: t.start, end: t.end };
  switch (t.value) {
    case 'true':
    case 'false':
      return { kind: 'bool', value: t.value === 'true', start: t.start, end: t.end };
    case 'null':
      return { kind: 'null', start: t.start, end: t.end };
    case 'if':
      return p.nested(() => readIfAfterKeyword(p, t.start));
  }
  if (STATEMENT_KEYWORDS.has(t.value)) hardFail();
  if (p.is('(') || isGenericCall(p)) {
    const typeArg = isGenericCall(p) ? readTypeArgument(p) : undefined;
    const args = readArguments(p);
    return {
      kind: 'call',
      callee: name,
      args,
      start: t.start,
      end: p.previousEnd,
      ...(typeArg ? { typeArg } : {}),
    };
  }
  if (p.is('{') && !ctx.noStruct) return readConstructor(p, name);
  return { kind: 'var', name: t.value, start: t.start, end: t.end };
}

/** `Name { field: value, ...spread }`. */
function readConstructor(p: ParserState, className: Name): Expr {
  return p.nested(() => {
    expectToken(p, '{');
    const fields: ConstructorField[] = [];
    const spreads: Expr[] = [];
    while (!p.is('}')) {
      if (p.is('.') && p.text.startsWith('...', p.token.start)) {
        takeOperator(p, '...');
        spreads.push(readExpr(p));
      } else {
        if (!p.is('ident')) hardFail();
        const token = p.advance();
        expectToken(p, ':');
        const value = readExpr(p);
        const name = { value: token.value, start: token.start, end: token.end };
        fields.push({ name, value, start: token.start, end: value.end });
      }
      if (p.is(',')) p.advance();
      else if (!p.is('}') && !p.token.newlineBefore) hardFail();
    }
    expectToken(p, '}');
    return { kind: 'new', className, fields, spreads, start: className.start, end: p.previousEnd };
  });
}

function readArray(p: ParserState): Expr {
  const open = p.advance();
  const items: Expr[] = [];
  while (!p.is(']')) {
    items.push(readExpr(p));
    if (p.is(',')) p.advance();
    else if (!p.is(']') && !p.token.newlineBefore) hardFail();
  }
  expectToken(p, ']');
  return { kind: 'array', items, start: open.start, end: p.previousEnd };
}

/** At `{` in an expression: a map literal (`{}`, `{ key value }`, `{ "k": v }`) or a block. */
export function looksLikeMap(p: ParserState): boolean {
  const [first, second] = peekTokens(p, 2);
  if (!first || !second) return false;
  if (first.kind === '}') return true;
  if (first.kind === '(') return true;
  const valueStart = ['string', 'raw_string', 'number', 'ident', '[', '{'];
  if (first.kind === 'string' || first.kind === 'raw_string' || first.kind === 'number') {
    return second.kind === ':' || (!second.newlineBefore && valueStart.includes(second.kind));
  }
  if (first.kind !== 'ident' || STATEMENT_KEYWORDS.has(first.value)) return false;
  if (second.kind === ':') return true;
  if (second.kind === 'ident' && second.value === 'instanceof') return false;
  return !second.newlineBefore && valueStart.includes(second.kind) && second.kind !== '{';
}

function readMap(p: ParserState): Expr {
  const open = p.advance();
  const entries: MapEntry[] = [];
  while (!p.is('}')) {
    const start = p.token.start;
    let key: Expr;
    let identKey = false;
    if (p.is('ident') && !p.is('ident', 'true') && !p.is('ident', 'false')) {
      const t = p.advance();
      key = { kind: 'string', value: t.value, start: t.start, end: t.end };
      identKey = true;
    } else {
      key = readExpr(p);
    }
    const colon = p.is(':');
    if (colon) {
      p.advance();
      identKey = false;
    }
    const value = readExpr(p);
    entries.push({ key, identKey, colon, value, start, end: value.end });
    if (p.is(',')) p.advance();
    else if (!p.is('}') && !p.token.newlineBefore) hardFail();
  }
  expectToken(p, '}');
  return { kind: 'map', entries, start: open.start, end: p.previousEnd };
}

/** The block reader, set by statements.ts (blocks hold statements; statements hold expressions). */
let blockReader: ((p: ParserState) => Block) | undefined;

/** Registers the statement-block reader used for `{ … }` in expressions. */
export function setBlockReader(read: (p: ParserState) => Block): void {
  blockReader = read;
}

function readBlockWith(p: ParserState): Block {
  if (!blockReader) throw new Error('statement reader not registered');
  return blockReader(p);
}

/**
 * The condition of `if`/`while`, which BAML wants in parentheses: a missing `(` or `)` (or both)
 * is reported at `start` and the condition read anyway.
 */
export function readCondition(p: ParserState, start: number, what: string): Expr {
  const open = p.is('(') ? p.advance() : undefined;
  let condition = readExpr(p, true);
  let close = false;
  if (p.is(')')) {
    p.advance();
    close = true;
    if (open && !p.is('{')) {
      // `(a) && b`: the parentheses were only around the first operand.
      const wrapped = { ...condition, start: open.start, end: p.previousEnd };
      condition = continueBinary(p, wrapped, 1, { noStruct: true });
      reportParentheses(p, start, false, false, what);
      return condition;
    }
  }
  reportParentheses(p, start, open !== undefined, close, what);
  return condition;
}

/** Reports a header written without its parentheses, or with only one of them. */
export function reportParentheses(
  p: ParserState,
  start: number,
  open: boolean,
  close: boolean,
  what: string,
): void {
  const at = { start, end: p.previousEnd };
  if (open && !close) p.sink.report('unclosed_parenthesis', at, {});
  else if (!open && close) p.sink.report('unopened_parenthesis', at, {});
  else if (!open && !close) p.sink.report('missing_parentheses', at, { what });
}

/** `if cond { … } else if … else { … }`, after the `if` keyword. */
export function readIfAfterKeyword(p: ParserState, start: number): IfExpr {
  const condition = readCondition(p, start, 'if expression condition');
  const thenBlock = readBlockWith(p);
  let otherwise: Block | IfExpr | undefined;
  if (p.is('ident', 'else')) {
    p.advance();
    if (p.is('ident', 'if')) {
      const elseIf = p.advance();
      otherwise = p.nested(() => readIfAfterKeyword(p, elseIf.start));
    } else {
      otherwise = readBlockWith(p);
    }
  }
  return {
    kind: 'if',
    condition,
    thenBlock,
    start,
    end: p.previousEnd,
    ...(otherwise ? { otherwise } : {}),
  };
}
