// The IR of BAML's statement syntax: the bodies of expression functions, class methods and
// top-level `let`, as plain JSON the runtime interprets (src/runtime/client/expression-runner.ts).
// Names are not resolved here: the runner looks them up in its scopes, then in the program.

export type IrExpr =
  | { k: 'lit'; value: string | number | boolean | null }
  | { k: 'var'; name: string }
  | { k: 'array'; items: IrExpr[] }
  | { k: 'map'; entries: Array<[IrExpr, IrExpr]> }
  | { k: 'new'; className: string; fields: Array<[string, IrExpr]>; spreads: IrExpr[] }
  | { k: 'call'; fn: string; args: IrExpr[] }
  | { k: 'method'; target: IrExpr; name: string; args: IrExpr[] }
  | { k: 'field'; target: IrExpr; name: string }
  | { k: 'index'; target: IrExpr; index: IrExpr }
  | { k: 'unary'; op: '!' | '-'; operand: IrExpr }
  | { k: 'binary'; op: string; left: IrExpr; right: IrExpr }
  | { k: 'if'; condition: IrExpr; thenBlock: IrBlock; otherwise?: IrBlock }
  | { k: 'block'; block: IrBlock }
  /** A construct the runner cannot evaluate (`{{ jinja }}`, lambdas): fails when reached. */
  | { k: 'unsupported'; what: string };

export type IrStmt =
  | { k: 'let'; name: string; value: IrExpr }
  | { k: 'assign'; target: IrExpr; op: string; value: IrExpr }
  | { k: 'expr'; expr: IrExpr }
  | { k: 'return'; value?: IrExpr }
  | { k: 'break' }
  | { k: 'continue' }
  | { k: 'assert'; value: IrExpr }
  | { k: 'while'; condition: IrExpr; body: IrBlock }
  | { k: 'for_in'; name: string; iterable: IrExpr; body: IrBlock }
  | { k: 'for_c'; init?: IrStmt; condition?: IrExpr; after?: IrStmt; body: IrBlock };

/** Statements, then the block's value (its last expression written without `;`). */
export interface IrBlock {
  statements: IrStmt[];
  tail?: IrExpr;
}

/** A class method: `self` is its first parameter. */
export interface MethodDef {
  name: string;
  params: string[];
  body: IrBlock;
}

/** A top-level `let`, evaluated the first time a body reads it. */
export interface GlobalDef {
  name: string;
  value: IrExpr;
}
