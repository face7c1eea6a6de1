// The syntax tree: what was written, with offsets, before any name is resolved. Analysis
// (phase 2) turns it into the IR. Every node carries `start`/`end` offsets into its file; line
// and column are computed only when a diagnostic is printed.

import type { Span } from '../../source/span.js';

/** An identifier occurrence with its position. */
export interface Name extends Span {
  value: string;
}

// ---------------------------------------------------------------- types

/** A type expression as written. `T?`, lists, unions and parentheses are kept as written. */
export type TypeExpr =
  | NamedTypeExpr
  | LiteralTypeExpr
  | OptionalTypeExpr
  | ListTypeExpr
  | MapTypeExpr
  | UnionTypeExpr
  | ParenTypeExpr
  | TupleTypeExpr;

/** `string`, `image`, `Person`, `Color`, `MyAlias`: resolved by analysis. */
export interface NamedTypeExpr extends Span {
  kind: 'named';
  name: string;
}
export interface LiteralTypeExpr extends Span {
  kind: 'literal';
  value: string | number | boolean;
  /** The literal as written (`"a"`, `-1`, `true`), for the printer. */
  raw: string;
}
export interface OptionalTypeExpr extends Span {
  kind: 'optional';
  inner: TypeExpr;
}
export interface ListTypeExpr extends Span {
  kind: 'list';
  item: TypeExpr;
}
export interface MapTypeExpr extends Span {
  kind: 'map';
  key: TypeExpr;
  value: TypeExpr;
}
export interface UnionTypeExpr extends Span {
  kind: 'union';
  variants: TypeExpr[];
}
/** `(T)` or `(T @stream.done @check(…))`. */
export interface ParenTypeExpr extends Span {
  kind: 'paren';
  inner: TypeExpr;
  attributes: Attribute[];
}
/** `(A, B)`. */
export interface TupleTypeExpr extends Span {
  kind: 'tuple';
  items: TypeExpr[];
}

// ---------------------------------------------------------------- attributes

/** `@name(args…)` or, with `block`, `@@name(args…)`. `name` may be dotted (`stream.done`). */
export interface Attribute extends Span {
  block: boolean;
  name: Name;
  /** `undefined` when written without parentheses. */
  args?: AttributeArg[];
}

/** An attribute argument: a string, a `{{ expression }}`, a bare word or a number. */
export type AttributeArg =
  | ({ kind: 'string' } & StringLiteral)
  | ({ kind: 'expression'; text: string } & Span)
  | ({ kind: 'ident'; name: string } & Span)
  | ({ kind: 'number'; raw: string } & Span);

/** A quoted (`"…"`, escapes processed) or block (`#"…"#`, content as written) string. */
export interface StringLiteral extends Span {
  value: string;
  /** 0 for a quoted string; the number of `#` for a block string. */
  hashes: number;
}

// ---------------------------------------------------------------- config values

/** A value in a config position: client options, generator/retry properties, test args. */
export type ConfigValueNode =
  | ({ kind: 'string' } & StringLiteral)
  | ({ kind: 'bare'; text: string } & Span)
  | ({ kind: 'array'; items: ConfigValueNode[] } & Span)
  | ({ kind: 'map'; entries: ConfigEntry[] } & Span)
  /** `Name(arg, …)`: a call of a `template_string`, rendered when the value is read (test args). */
  | ({ kind: 'call'; name: Name; args: ConfigValueNode[] } & Span);

/** `key value` inside a config block. */
export interface ConfigEntry extends Span {
  key: Name;
  /** True when the key was written in quotes. */
  quotedKey: boolean;
  value: ConfigValueNode;
  /** `@attr(…)` after the value of a block entry (BAML's grammar allows them there). */
  attributes?: Attribute[];
}

// ---------------------------------------------------------------- declarations

interface DeclarationBase extends Span {
  name: Name;
  /** `///` doc comment lines before the declaration. */
  docs?: string[];
}

export interface FieldDecl extends Span {
  name: Name;
  type: TypeExpr;
  attributes: Attribute[];
  docs?: string[];
}
export interface ClassDecl extends DeclarationBase {
  kind: 'class';
  fields: FieldDecl[];
  attributes: Attribute[];
  /** `function name(self, …) -> T { statements }` written inside the class. */
  methods?: ExprFunctionDecl[];
}

export interface EnumValueDecl extends Span {
  name: Name;
  attributes: Attribute[];
  docs?: string[];
}
export interface EnumDecl extends DeclarationBase {
  kind: 'enum';
  values: EnumValueDecl[];
  attributes: Attribute[];
}

export interface TypeAliasDecl extends DeclarationBase {
  kind: 'type_alias';
  type: TypeExpr;
  attributes: Attribute[];
}

export interface ParamDecl extends Span {
  name: Name;
  type: TypeExpr;
  /** Attributes after the type (`a: Foo @assert(…)`), which BAML allows, even on later lines. */
  attributes?: Attribute[];
}
export interface FunctionDecl extends DeclarationBase {
  kind: 'function';
  params: ParamDecl[];
  returnType: TypeExpr;
  /** Attributes written after the return type, e.g. `-> int @assert(…)`. */
  returnAttributes: Attribute[];
  /** The body as `key value` entries (`client …`, `prompt #"…"#`). */
  body: ConfigEntry[];
}

export interface TemplateStringDecl extends DeclarationBase {
  kind: 'template_string';
  params: ParamDecl[];
  template: StringLiteral;
}

/** `client<llm> Name { … }`, `retry_policy`, `generator`: a named block of config entries. */
export interface ConfigBlockDecl extends DeclarationBase {
  kind: 'client' | 'retry_policy' | 'generator';
  /** For `client<llm>`, the word between the angle brackets. */
  clientType?: Name;
  entries: ConfigEntry[];
}

export interface TestDecl extends DeclarationBase {
  kind: 'test';
  entries: ConfigEntry[];
  attributes: Attribute[];
  /** `type_builder { … }` blocks: their text (`{` to `}`, applied by `tsbaml test`) and items. */
  typeBuilders: TypeBuilderBlock[];
}

/** A type declared in a test's `type_builder`; `dynamic` is the keyword of `dynamic class X`. */
export interface TypeBuilderItem {
  declaration: ClassDecl | EnumDecl | TypeAliasDecl;
  dynamic?: Span;
}
export interface TypeBuilderBlock extends Span {
  text: string;
  items: TypeBuilderItem[];
}

export type Declaration =
  | ClassDecl
  | EnumDecl
  | TypeAliasDecl
  | FunctionDecl
  | TemplateStringDecl
  | ConfigBlockDecl
  | TestDecl
  | ExprFunctionDecl
  | TopLevelLetDecl;

/** One parsed `.baml` file. */
export interface SourceFileAst {
  path: string;
  declarations: Declaration[];
}

// ---- BAML's statement syntax ("expression functions", also called workflow functions):
// function bodies made of `let`, assignments, `if`, loops and expressions instead of
// `client`/`prompt`, top-level `let` bindings, and class methods.

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
