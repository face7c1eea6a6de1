// Statements of BAML's statement syntax, and the declarations made of them: expression
// functions (`function F(x: int) -> int { let y = x; y }`), class methods and top-level `let`.
//
// BAML's rules, as its grammar has them:
// - `let`, assignments, expression statements, `return`, `break`, `continue` and `assert` end
//   with `;`. A `let` or an assignment without it is reported ("Statement must end with a
//   semicolon.") and read anyway; any other statement without it makes the body unreadable.
// - `if`, `while`, `for` and nested blocks need no `;`.
// - The block's value is a last expression written without `;` right before `}`.
// - A statement that starts with characters other than a letter (`.let x = 1;`) is reported as
//   "Invalid statement" and read from its first word.
// - A body that cannot be read is "This line is invalid" at the `function` line, and, as in
//   BAML, nothing after it in the file is read.

import type {
  AssignOperator,
  Block,
  Expr,
  ExprFunctionDecl,
  Name,
  ParamDecl,
  Stmt,
  TopLevelLetDecl,
  TypeExpr,
} from '../ast.js';
import { docsOf, ParseAbort, type ParserState } from '../parser-state.js';
import type { Token } from '../tokens.js';
import {
  ASSIGN_OPERATORS,
  BodySyntaxError,
  hardFail,
  isSemicolon,
  looksLikeMap,
  peekOperator,
  peekTokens,
  readCondition,
  readExpr,
  readIfAfterKeyword,
  reportParentheses,
  STATEMENT_KEYWORDS,
  setBlockReader,
  takeOperator,
} from './expressions.js';
import { readType } from './types.js';

/** Thrown after "This line is invalid": the rest of the file is not read (BAML stops there). */
export class StopFile extends Error {}

const ASSIGNMENTS = new Set(ASSIGN_OPERATORS);

/**
 * At the `{` of a function: whether the body is statements rather than `client`/`prompt`
 * entries. Entries are `key value` on one line; statements never start that way.
 */
export function isStatementBody(p: ParserState): boolean {
  const [first, second] = peekTokens(p, 2);
  if (!first || !second) return false;
  if (first.kind === '}') return true;
  if (first.kind === '@@') return false;
  if (first.kind !== 'ident') return true;
  if (STATEMENT_KEYWORDS.has(first.value)) return true;
  const op = p.text.slice(second.start, second.start + 2);
  if (first.value === 'client' || first.value === 'prompt') {
    return second.kind === '(' || second.kind === '.' || second.kind === '[' || /^[=;]/.test(op);
  }
  if (second.newlineBefore) return true;
  return (
    !['ident', 'string', 'raw_string', 'number'].includes(second.kind) ||
    second.value === 'instanceof'
  );
}

/** Whether a class member starting here is a method (`function name(`). */
export function isMethodStart(p: ParserState): boolean {
  if (!p.is('ident', 'function')) return false;
  const [name, paren] = peekTokens(p, 2);
  return name?.kind === 'ident' && paren?.kind === '(';
}

/**
 * Reads the statement body of `function Name(params) -> Type` (the header already read, the
 * current token is `{`). A body that cannot be read is reported at `keyword`'s line.
 */
export function readExprFunctionBody(
  p: ParserState,
  header: { keyword: Token; name: Name; params: ParamDecl[]; returnType?: TypeExpr },
): ExprFunctionDecl {
  const { keyword, name, params, returnType } = header;
  const body = guarded(p, keyword, () => readBlock(p));
  return {
    kind: 'expr_function',
    name,
    params,
    body,
    text: p.text.slice(keyword.start, p.previousEnd),
    start: keyword.start,
    end: p.previousEnd,
    ...(returnType ? { returnType } : {}),
    ...docsOf(keyword),
  };
}

/** `function name(self, x: T) -> R { … }` inside `class`; `self` has the class's type. */
export function readMethod(p: ParserState, className: string): ExprFunctionDecl {
  const keyword = p.advance();
  return guarded(p, keyword, () => {
    const name = p.expectName('a method name');
    p.expect('(', '`(`');
    const params: ParamDecl[] = [];
    while (!p.is(')')) {
      const param = p.expectName('a parameter name');
      let type: TypeExpr = { kind: 'named', name: className, start: param.start, end: param.end };
      if (p.is(':')) {
        p.advance();
        type = readType(p);
      }
      params.push({ name: param, type, start: param.start, end: p.previousEnd });
      if (!p.is(',')) break;
      p.advance();
    }
    p.expect(')', '`)`');
    let returnType: TypeExpr | undefined;
    if (p.is('->')) {
      p.advance();
      returnType = readType(p);
    } else {
      p.sink.report('missing_return_type', keyword, {});
    }
    return readExprFunctionBody(p, {
      keyword,
      name,
      params,
      ...(returnType ? { returnType } : {}),
    });
  });
}

/** `let name: Type = value;` at top level. */
export function readTopLevelLet(p: ParserState): TopLevelLetDecl {
  const keyword = p.token;
  return guarded(p, keyword, () => {
    const stmt = readLet(p, false);
    if (stmt.kind !== 'let') hardFail();
    endWithSemicolon(p, stmt);
    return {
      kind: 'let',
      name: stmt.name,
      value: stmt.value,
      text: p.text.slice(keyword.start, p.previousEnd),
      start: keyword.start,
      end: p.previousEnd,
      ...(stmt.type ? { type: stmt.type } : {}),
      ...docsOf(keyword),
    };
  });
}

function guarded<T>(p: ParserState, keyword: Token, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof BodySyntaxError) && !(error instanceof ParseAbort)) throw error;
    if (error instanceof BodySyntaxError) {
      const lineEnd = p.text.indexOf('\n', keyword.start);
      const end = lineEnd < 0 ? p.text.length : lineEnd;
      p.sink.report('invalid_line', { start: keyword.start, end }, {});
    }
    throw new StopFile();
  }
}

/** `{ statements… tail? }`. */
export function readBlock(p: ParserState): Block {
  return p.nested(() => readBlockContents(p));
}

function readBlockContents(p: ParserState): Block {
  if (!p.is('{')) hardFail();
  const open = p.advance();
  const statements: Stmt[] = [];
  let tail: Block['tail'];
  while (!p.is('}')) {
    if (p.is('eof')) hardFail();
    const t = p.token;
    if (t.kind === 'ident') {
      const result = readStatementOrTail(p);
      if ('tail' in result) {
        tail = result.tail;
        break;
      }
      statements.push(result.stmt);
    } else if (t.kind === '{' && !looksLikeMap(p)) {
      const block = readBlock(p);
      optionalSemicolon(p);
      const expr: Expr = { kind: 'block', block, start: block.start, end: block.end };
      statements.push({
        kind: 'expr',
        expr,
        semicolon: false,
        start: block.start,
        end: p.previousEnd,
      });
    } else if (startsExpression(p)) {
      const expr = readExpr(p);
      if (isSemicolon(p) || !p.is('}')) hardFail();
      tail = expr;
    } else {
      // BAML skips characters that cannot start a statement, reads the statement after them
      // and reports it as invalid.
      const start = t.start;
      while (!p.is('ident') && !p.is('}') && !p.is('eof')) p.advance();
      if (!p.is('ident')) hardFail();
      const result = readStatementOrTail(p);
      if ('tail' in result) hardFail();
      p.sink.report('invalid_statement', { start, end: result.stmt.end }, {});
      statements.push(result.stmt);
    }
  }
  p.advance();
  return {
    statements,
    start: open.start,
    end: p.previousEnd,
    ...(tail ? { tail } : {}),
  };
}

setBlockReader(readBlock);

function startsExpression(p: ParserState): boolean {
  const t = p.token;
  if (['number', 'string', 'raw_string', 'expression', '[', '(', '{'].includes(t.kind)) return true;
  const op = peekOperator(p);
  return op === '!' || op === '-';
}

type StatementResult = { stmt: Stmt } | { tail: Expr };

function readStatementOrTail(p: ParserState): StatementResult {
  const t = p.token;
  const start = t.start;
  switch (t.value) {
    case 'let':
    case 'watch': {
      const stmt = readLet(p, t.value === 'watch');
      endWithSemicolon(p, stmt);
      return { stmt };
    }
    case 'return': {
      p.advance();
      const value = isSemicolon(p) || p.is('}') ? undefined : readExpr(p);
      requireSemicolon(p);
      return { stmt: { kind: 'return', start, end: p.previousEnd, ...(value ? { value } : {}) } };
    }
    case 'break':
    case 'continue':
      p.advance();
      requireSemicolon(p);
      return { stmt: { kind: t.value, start, end: p.previousEnd } };
    case 'assert': {
      p.advance();
      const value = readExpr(p);
      requireSemicolon(p);
      return { stmt: { kind: 'assert', value, start, end: p.previousEnd } };
    }
    case 'if': {
      p.advance();
      const expr = readIfAfterKeyword(p, start);
      const semicolon = optionalSemicolon(p);
      return { stmt: { kind: 'expr', expr, semicolon, start, end: p.previousEnd } };
    }
    case 'while': {
      p.advance();
      const condition = readCondition(p, start, 'while loop condition');
      const body = readBlock(p);
      optionalSemicolon(p);
      return { stmt: { kind: 'while', condition, body, start, end: p.previousEnd } };
    }
    case 'for': {
      const stmt = readFor(p);
      optionalSemicolon(p);
      return { stmt };
    }
  }
  const expr = readExpr(p);
  const op = peekOperator(p);
  if (op && ASSIGNMENTS.has(op) && !p.token.newlineBefore) {
    takeOperator(p, op);
    const value = readExpr(p);
    const stmt: Stmt = {
      kind: 'assign',
      target: expr,
      op: op as AssignOperator,
      value,
      start,
      end: value.end,
    };
    endWithSemicolon(p, stmt);
    return { stmt };
  }
  if (isSemicolon(p)) {
    p.advance();
    return { stmt: { kind: 'expr', expr, semicolon: true, start, end: p.previousEnd } };
  }
  if (p.is('}')) return { tail: expr };
  return hardFail();
}

function readLet(p: ParserState, watch: boolean): Stmt {
  const start = p.token.start;
  if (watch) {
    p.advance();
    if (!p.is('ident', 'let')) hardFail();
  }
  p.advance();
  if (!p.is('ident')) hardFail();
  const nameToken = p.advance();
  const name = { value: nameToken.value, start: nameToken.start, end: nameToken.end };
  let type: TypeExpr | undefined;
  if (p.is(':')) {
    p.advance();
    type = readType(p);
  }
  if (peekOperator(p) !== '=') hardFail();
  takeOperator(p, '=');
  const value = readExpr(p);
  return { kind: 'let', name, watch, value, start, end: value.end, ...(type ? { type } : {}) };
}

/** `;` after a `let` or an assignment: reported when missing, and the statement kept. */
function endWithSemicolon(p: ParserState, stmt: Stmt): void {
  if (isSemicolon(p)) {
    p.advance();
    stmt.end = p.previousEnd;
    return;
  }
  p.sink.report('missing_semicolon', { start: stmt.start, end: stmt.end }, {});
}

function requireSemicolon(p: ParserState): void {
  if (!isSemicolon(p)) hardFail();
  p.advance();
}

function optionalSemicolon(p: ParserState): boolean {
  if (!isSemicolon(p)) return false;
  p.advance();
  return true;
}

/** `for (let x in xs) { … }` or `for (init; cond; after) { … }` (parentheses optional). */
function readFor(p: ParserState): Stmt {
  const start = p.advance().start;
  const paren = p.is('(');
  if (paren) p.advance();
  const [a, b] = [p.token, peekTokens(p, 2)];
  const iterator =
    (a.kind === 'ident' && a.value === 'let' && b[1]?.value === 'in') ||
    (a.kind === 'ident' && b[0]?.kind === 'ident' && b[0].value === 'in');
  if (iterator) {
    if (p.is('ident', 'let')) p.advance();
    const nameToken = p.advance();
    p.advance();
    const iterable = readExpr(p, true);
    const close = p.is(')');
    if (close) p.advance();
    reportParentheses(p, start, paren, close, 'for loop header');
    const body = readBlock(p);
    const name = { value: nameToken.value, start: nameToken.start, end: nameToken.end };
    return { kind: 'for_in', name, iterable, body, start, end: p.previousEnd };
  }
  const init = isSemicolon(p) ? undefined : readSimpleStatement(p, true);
  requireSemicolon(p);
  const condition = isSemicolon(p) ? undefined : readExpr(p);
  requireSemicolon(p);
  const after = p.is(')') || p.is('{') ? undefined : readSimpleStatement(p, false);
  const close = p.is(')');
  if (close) p.advance();
  reportParentheses(p, start, paren, close, 'for loop header');
  const body = readBlock(p);
  return {
    kind: 'for_c',
    body,
    start,
    end: p.previousEnd,
    ...(init ? { init } : {}),
    ...(condition ? { condition } : {}),
    ...(after ? { after } : {}),
  };
}

/** A `let`, an assignment or a call, without `;`: the parts of a C-style `for` header. */
function readSimpleStatement(p: ParserState, allowLet: boolean): Stmt {
  if (p.is('ident', 'let')) {
    if (!allowLet) hardFail();
    return readLet(p, false);
  }
  const start = p.token.start;
  const expr = readExpr(p, true);
  const op = peekOperator(p);
  if (op && ASSIGNMENTS.has(op)) {
    takeOperator(p, op);
    const value = readExpr(p, true);
    return { kind: 'assign', target: expr, op: op as AssignOperator, value, start, end: value.end };
  }
  return { kind: 'expr', expr, semicolon: false, start, end: expr.end };
}
