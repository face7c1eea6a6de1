// The syntax tree of BAML's statement syntax ("expression functions", also called workflow
// functions): function bodies made of `let`, assignments, `if`, loops and expressions instead
// of `client`/`prompt`, top-level `let` bindings, and class methods. Kept apart from ast.ts
// because only these constructs use it.

import type { Span } from '../../source/span.js';
import type { Name, ParamDecl, TypeExpr } from './ast.js';

export type BinaryOperator =
  | '||'
  | '&&'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'instanceof'
  | '|'
  | '^'
  | '&'
  | '<<'
  | '>>'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

/** An expression as written. */
export type Expr =
  | ({ kind: 'number'; raw: string; value: number; float: boolean } & Span)
  | ({ kind: 'string'; value: string } & Span)
  | ({ kind: 'bool'; value: boolean } & Span)
  | ({ kind: 'null' } & Span)
  | ({ kind: 'var'; name: string } & Span)
  | ({ kind: 'array'; items: Expr[] } & Span)
  | ({ kind: 'map'; entries: MapEntry[] } & Span)
  | ({ kind: 'new'; className: Name; fields: ConstructorField[]; spreads: Expr[] } & Span)
  | ({ kind: 'call'; callee: Name; typeArg?: TypeExpr; args: Expr[] } & Span)
  | ({ kind: 'method'; target: Expr; method: Name; typeArg?: TypeExpr; args: Expr[] } & Span)
  | ({ kind: 'field'; target: Expr; field: Name } & Span)
  | ({ kind: 'index'; target: Expr; index: Expr } & Span)
  | ({ kind: 'unary'; op: '!' | '-'; operand: Expr } & Span)
  | ({ kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr } & Span)
  | IfExpr
  | ({ kind: 'block'; block: Block } & Span)
  | ({ kind: 'lambda'; params: ParamDecl[]; body: Expr } & Span)
  | ({ kind: 'jinja'; text: string } & Span);

export interface IfExpr extends Span {
  kind: 'if';
  condition: Expr;
  thenBlock: Block;
  otherwise?: Block | IfExpr;
}

/** `key value` (identifier key), `"key": value` or `expr: value`. */
export interface MapEntry extends Span {
  key: Expr;
  /** True when written `key value` with a bare identifier key (BAML's "ident style"). */
  identKey: boolean;
  /** True when the key and value were separated by `:`. */
  colon: boolean;
  value: Expr;
}

export interface ConstructorField extends Span {
  name: Name;
  value: Expr;
}

/** `{ statements… tail }`: `tail` is the value of the block when written without `;`. */
export interface Block extends Span {
  statements: Stmt[];
  tail?: Expr;
}

export type AssignOperator =
  | '='
  | '+='
  | '-='
  | '*='
  | '/='
  | '%='
  | '&='
  | '|='
  | '^='
  | '<<='
  | '>>=';

export type Stmt =
  | ({ kind: 'let'; name: Name; watch: boolean; type?: TypeExpr; value: Expr } & Span)
  | ({ kind: 'assign'; target: Expr; op: AssignOperator; value: Expr } & Span)
  | ({ kind: 'expr'; expr: Expr; semicolon: boolean } & Span)
  | ({ kind: 'return'; value?: Expr } & Span)
  | ({ kind: 'break' | 'continue' } & Span)
  | ({ kind: 'assert'; value: Expr } & Span)
  | ({ kind: 'while'; condition: Expr; body: Block } & Span)
  | ({ kind: 'for_in'; name: Name; iterable: Expr; body: Block } & Span)
  | ({ kind: 'for_c'; init?: Stmt; condition?: Expr; after?: Stmt; body: Block } & Span);

/** `function Name(params) -> Type { statements }`, at top level or as a class method. */
export interface ExprFunctionDecl extends Span {
  kind: 'expr_function';
  name: Name;
  params: ParamDecl[];
  /** Absent when written without `-> Type` (an error BAML reports). */
  returnType?: TypeExpr;
  body: Block;
  /** The declaration exactly as written (the printer prints it back verbatim). */
  text: string;
  docs?: string[];
}

/** `let name: Type = value;` at top level. */
export interface TopLevelLetDecl extends Span {
  kind: 'let';
  name: Name;
  type?: TypeExpr;
  value: Expr;
  text: string;
  docs?: string[];
}
