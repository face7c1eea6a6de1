// Statement bodies from the syntax tree to the IR the runtime interprets: offsets and written
// types are dropped, the shape is kept. The tree's depth is bounded by the parser.

import type { IrBlock, IrExpr, IrStmt } from '../../../ir/statements.js';
import type { Block, Expr, IfExpr, Stmt } from '../1-parse/ast.js';

/** The IR of a block. */
export function lowerBlock(block: Block): IrBlock {
  const statements = block.statements.map(lowerStmt);
  if (block.tail) return { statements, tail: lowerExpr(block.tail) };
  // An `if` (or a block) written last without `;` gives the block its value, as in BAML.
  const last = block.statements[block.statements.length - 1];
  if (
    last?.kind === 'expr' &&
    !last.semicolon &&
    (last.expr.kind === 'if' || last.expr.kind === 'block')
  ) {
    return { statements: statements.slice(0, -1), tail: lowerExpr(last.expr) };
  }
  return { statements };
}

function lowerStmt(stmt: Stmt): IrStmt {
  switch (stmt.kind) {
    case 'let':
      return { k: 'let', name: stmt.name.value, value: lowerExpr(stmt.value) };
    case 'assign':
      return {
        k: 'assign',
        target: lowerExpr(stmt.target),
        op: stmt.op,
        value: lowerExpr(stmt.value),
      };
    case 'expr':
      return { k: 'expr', expr: lowerExpr(stmt.expr) };
    case 'return':
      return stmt.value ? { k: 'return', value: lowerExpr(stmt.value) } : { k: 'return' };
    case 'break':
    case 'continue':
      return { k: stmt.kind };
    case 'assert':
      return { k: 'assert', value: lowerExpr(stmt.value) };
    case 'while':
      return { k: 'while', condition: lowerExpr(stmt.condition), body: lowerBlock(stmt.body) };
    case 'for_in':
      return {
        k: 'for_in',
        name: stmt.name.value,
        iterable: lowerExpr(stmt.iterable),
        body: lowerBlock(stmt.body),
      };
    case 'for_c': {
      const loop: IrStmt = { k: 'for_c', body: lowerBlock(stmt.body) };
      if (stmt.init) loop.init = lowerStmt(stmt.init);
      if (stmt.condition) loop.condition = lowerExpr(stmt.condition);
      if (stmt.after) loop.after = lowerStmt(stmt.after);
      return loop;
    }
  }
}

/** The IR of an expression. */
export function lowerExpr(expr: Expr): IrExpr {
  switch (expr.kind) {
    case 'number':
    case 'string':
    case 'bool':
      return { k: 'lit', value: expr.value };
    case 'null':
      return { k: 'lit', value: null };
    case 'var':
      return { k: 'var', name: expr.name };
    case 'array':
      return { k: 'array', items: expr.items.map(lowerExpr) };
    case 'map':
      return { k: 'map', entries: expr.entries.map((e) => [lowerExpr(e.key), lowerExpr(e.value)]) };
    case 'new':
      return {
        k: 'new',
        className: expr.className.value,
        fields: expr.fields.map((f) => [f.name.value, lowerExpr(f.value)]),
        spreads: expr.spreads.map(lowerExpr),
      };
    case 'call':
      return { k: 'call', fn: expr.callee.value, args: expr.args.map(lowerExpr) };
    case 'method':
      return {
        k: 'method',
        target: lowerExpr(expr.target),
        name: expr.method.value,
        args: expr.args.map(lowerExpr),
      };
    case 'field':
      return { k: 'field', target: lowerExpr(expr.target), name: expr.field.value };
    case 'index':
      return { k: 'index', target: lowerExpr(expr.target), index: lowerExpr(expr.index) };
    case 'unary':
      return { k: 'unary', op: expr.op, operand: lowerExpr(expr.operand) };
    case 'binary':
      return { k: 'binary', op: expr.op, left: lowerExpr(expr.left), right: lowerExpr(expr.right) };
    case 'if':
      return lowerIf(expr);
    case 'block':
      return { k: 'block', block: lowerBlock(expr.block) };
    case 'lambda':
      return { k: 'unsupported', what: 'lambdas' };
    case 'jinja':
      return { k: 'unsupported', what: '`{{ }}` expressions' };
  }
}

function lowerIf(expr: IfExpr): IrExpr {
  const lowered: IrExpr = {
    k: 'if',
    condition: lowerExpr(expr.condition),
    thenBlock: lowerBlock(expr.thenBlock),
  };
  if (expr.otherwise) {
    lowered.otherwise =
      'kind' in expr.otherwise
        ? { statements: [], tail: lowerIf(expr.otherwise) }
        : lowerBlock(expr.otherwise);
  }
  return lowered;
}
