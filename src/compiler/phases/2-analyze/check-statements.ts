// Type checks of BAML's statement syntax: expression functions, class methods and top-level
// `let`. Variables are resolved through nested scopes, calls against the program's functions,
// constructors against its classes; each rule reports with BAML 0.226.2's message. Where a type
// cannot be known (builtins, narrowed unions) nothing is reported: only what is provably wrong.

import type { Program, Type } from '../../../ir/types.js';
import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import type { Span } from '../../source/span.js';
import type { Block, Expr, Stmt, TypeExpr } from '../1-parse/ast.js';
import { BAML_KEYWORDS } from './baml-keywords.js';
import {
  arithmeticResult,
  assignable,
  BOOL,
  commonType,
  expand,
  FLOAT,
  INT,
  isPrimitive,
  type MaybeType,
  NULL,
  STRING,
  sameType,
  typeName,
  valueTypeName,
  widen,
} from './expr-types.js';

/** What a call needs to know about a function. */
export interface Callable {
  params: Array<{ name: string; type: Type }>;
  returnType: MaybeType;
}

/** The program-wide names a body can refer to. */
export interface StatementContext {
  program: Program;
  sink: DiagnosticSink;
  functions: Map<string, Callable>;
  /** `Class.method` → the method. */
  methods: Map<string, Callable>;
  globals: Map<string, MaybeType>;
  /** Resolves a type written in a body (`let x: T`, `f<T>()`). */
  typeOf: (type: TypeExpr) => Type;
  /** The source text of a node of the body being checked, when known. */
  sourceOf?: (span: Span) => string | undefined;
}

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', '&&', '||', 'instanceof']);

/**
 * Checks one body. `returnType` is the function's declared return type (undefined for a
 * top-level `let`), `params` its parameters.
 */
export class BodyChecker {
  readonly #scopes: Array<Map<string, MaybeType>> = [];
  #loops = 0;

  constructor(
    private readonly ctx: StatementContext,
    private readonly returnType: MaybeType,
    params: Array<{ name: string; type: MaybeType }>,
  ) {
    this.#scopes.push(new Map(params.map((param) => [param.name, param.type])));
  }

  /** Checks a function body: statements, then the value against the return type. */
  checkFunctionBody(block: Block): void {
    const tailType = this.block(block);
    if (block.tail && !assignable(tailType, this.returnType, this.ctx.program)) {
      this.#error(
        block.tail,
        `Return type mismatch: function return type is ${typeName(this.returnType)} but got ${valueTypeName(tailType)}`,
      );
    }
  }

  /** The type of a block's value after checking its statements in a new scope. */
  block(block: Block): MaybeType {
    this.#scopes.push(new Map());
    try {
      for (const stmt of block.statements) this.statement(stmt);
      return block.tail ? this.expr(block.tail) : undefined;
    } finally {
      this.#scopes.pop();
    }
  }

  #declare(name: string, type: MaybeType): void {
    this.#scopes[this.#scopes.length - 1]?.set(name, type);
  }

  #lookup(name: string): { found: boolean; type: MaybeType } {
    for (let i = this.#scopes.length - 1; i >= 0; i--) {
      const scope = this.#scopes[i];
      if (scope?.has(name)) return { found: true, type: scope.get(name) };
    }
    if (this.ctx.globals.has(name)) return { found: true, type: this.ctx.globals.get(name) };
    const { program } = this.ctx;
    if (Object.hasOwn(program.enums, name) || Object.hasOwn(program.classes, name)) {
      return { found: true, type: undefined };
    }
    if (this.ctx.functions.has(name) || name === 'baml') return { found: true, type: undefined };
    return { found: false, type: undefined };
  }

  #error(span: Span, message: string): void {
    this.ctx.sink.report('statement_type_error', span, { message });
  }

  statement(stmt: Stmt): void {
    switch (stmt.kind) {
      case 'let': {
        if (BAML_KEYWORDS.has(stmt.name.value)) {
          this.ctx.sink.report('reserved_keyword', stmt.name, { name: stmt.name.value });
        }
        const valueType = this.expr(stmt.value);
        let declared = valueType;
        if (stmt.type) {
          declared = this.ctx.typeOf(stmt.type);
          if (!assignable(valueType, declared, this.ctx.program)) {
            this.#error(
              stmt,
              `Type mismatch: variable '${stmt.name.value}' annotated as ${typeName(declared)} but got ${valueTypeName(valueType)}`,
            );
          }
        }
        this.#declare(stmt.name.value, declared === undefined ? undefined : widen(declared));
        return;
      }
      case 'assign':
        this.#assign(stmt.target, stmt.op, stmt.value, stmt);
        return;
      case 'expr':
        this.expr(stmt.expr);
        return;
      case 'return': {
        const type = stmt.value ? this.expr(stmt.value) : NULL;
        // Unlike a block's value, a `return` must have the declared type exactly (BAML compares
        // the two types without subtyping here).
        if (stmt.value && !sameType(type, this.returnType, this.ctx.program)) {
          const source = this.ctx.sourceOf?.(stmt.value) ?? '…';
          this.#error(
            stmt,
            `Expected a ${typeName(this.returnType)} value, but received ${valueTypeName(type)} value \`${source}\`.`,
          );
        }
        return;
      }
      case 'break':
      case 'continue':
        if (this.#loops === 0) this.#error(stmt, `'${stmt.kind}' cannot be used outside of a loop`);
        return;
      case 'assert': {
        if (stmt.value.kind === 'string') {
          this.#error(
            stmt.value,
            `Expected a bool value, but received string value \`${JSON.stringify(stmt.value.value)}\`.`,
          );
          return;
        }
        this.expr(stmt.value);
        return;
      }
      case 'while':
        this.expr(stmt.condition);
        this.#loop(() => this.block(stmt.body));
        return;
      case 'for_in': {
        const iterable = expand(this.expr(stmt.iterable), this.ctx.program);
        let item: MaybeType;
        if (iterable?.kind === 'list') item = iterable.item;
        else if (iterable !== undefined) {
          this.#error(stmt.iterable, 'iterable in `for` loop must be an array');
        }
        this.#scopes.push(new Map([[stmt.name.value, item]]));
        try {
          this.#loop(() => this.block(stmt.body));
        } finally {
          this.#scopes.pop();
        }
        return;
      }
      case 'for_c': {
        this.#scopes.push(new Map());
        try {
          if (stmt.init) this.statement(stmt.init);
          if (stmt.condition) this.expr(stmt.condition);
          if (stmt.after) this.statement(stmt.after);
          this.#loop(() => this.block(stmt.body));
        } finally {
          this.#scopes.pop();
        }
        return;
      }
    }
  }

  #loop(body: () => void): void {
    this.#loops++;
    try {
      body();
    } finally {
      this.#loops--;
    }
  }

  #assign(target: Expr, op: string, value: Expr, at: Span): void {
    const targetType = this.expr(target);
    const valueType = this.expr(value);
    if (op !== '=') return;
    if (targetType === undefined || isPrimitive(targetType, 'null')) return;
    if (!assignable(valueType, targetType, this.ctx.program)) {
      this.#error(at, `Cannot assign ${valueTypeName(valueType)} to ${typeName(targetType)}`);
    }
  }

  /** The type of `expr`, reporting what is wrong inside it. */
  expr(expr: Expr): MaybeType {
    switch (expr.kind) {
      case 'number':
        // As in BAML, literals have primitive types (`"a"` is a `string`, `1` an `int`).
        return expr.float ? FLOAT : INT;
      case 'string':
        return STRING;
      case 'bool':
        return BOOL;
      case 'null':
        return NULL;
      case 'jinja':
      case 'lambda':
        return undefined;
      case 'var': {
        const { found, type } = this.#lookup(expr.name);
        if (!found) this.ctx.sink.report('unknown_variable', expr, { name: expr.name });
        return type;
      }
      case 'array': {
        const items = expr.items.map((item) => this.expr(item));
        const item = commonType(items);
        return item ? { kind: 'list', item } : undefined;
      }
      case 'map':
        return this.#map(expr);
      case 'new':
        return this.#construct(expr);
      case 'call':
        return this.#call(expr);
      case 'method':
        return this.#method(expr);
      case 'field':
        return this.#field(expr);
      case 'index':
        return this.#index(expr);
      case 'unary': {
        const operand = this.expr(expr.operand);
        return expr.op === '!' ? BOOL : operand;
      }
      case 'binary': {
        const left = this.expr(expr.left);
        const right = expr.op === 'instanceof' ? undefined : this.expr(expr.right);
        if (COMPARISONS.has(expr.op)) return BOOL;
        return arithmeticResult(expr.op, left, right);
      }
      case 'if': {
        const condition = this.expr(expr.condition);
        const expanded = expand(condition, this.ctx.program);
        const known = expanded === undefined ? undefined : widen(expanded);
        if (known !== undefined && !isPrimitive(known, 'bool')) {
          this.#error(expr.condition, 'If condition must be boolean');
        }
        const then = this.block(expr.thenBlock);
        if (!expr.otherwise) return undefined;
        const otherwise =
          'kind' in expr.otherwise ? this.expr(expr.otherwise) : this.block(expr.otherwise);
        return commonType([then, otherwise]);
      }
      case 'block':
        return this.block(expr.block);
    }
  }

  #map(expr: Extract<Expr, { kind: 'map' }>): MaybeType {
    const values: MaybeType[] = [];
    let identStyle: boolean | undefined;
    for (const entry of expr.entries) {
      const style = entry.identKey;
      if (identStyle !== undefined && style !== identStyle) {
        this.#error(
          entry,
          'Inconsistent use of key-value pair syntax. Consider using python-style instead: `{ "key": value }`',
        );
      }
      identStyle ??= style;
      if (entry.key.kind !== 'string' && !(entry.key.kind === 'var' && entry.colon)) {
        this.#error(entry.key, 'Map keys must be string literals');
        this.expr(entry.key);
      }
      values.push(this.expr(entry.value));
    }
    const value = commonType(values);
    return value ? { kind: 'map', key: STRING, value } : undefined;
  }

  #construct(expr: Extract<Expr, { kind: 'new' }>): MaybeType {
    const className = expr.className.value;
    for (const spread of expr.spreads) this.expr(spread);
    const def = this.ctx.program.classes[className];
    if (!def || !Object.hasOwn(this.ctx.program.classes, className)) {
      for (const field of expr.fields) this.expr(field.value);
      if (className.startsWith('baml.')) return undefined;
      this.#error(expr.className, `Unknown class '${className}'`);
      return undefined;
    }
    const given = new Set<string>();
    for (const field of expr.fields) {
      const valueType = this.expr(field.value);
      given.add(field.name.value);
      const declared = def.fields.find((f) => f.name === field.name.value);
      if (!declared) {
        this.#error(field, `Class ${className} has no field ${field.name.value}`);
      } else if (!assignable(valueType, declared.type, this.ctx.program)) {
        this.#error(
          field,
          `${className}.${field.name.value} expected type ${typeName(declared.type)}, but found ${valueTypeName(valueType)}`,
        );
      }
    }
    if (expr.spreads.length === 0) {
      const missing = def.fields
        .filter((f) => !given.has(f.name) && !assignable(NULL, f.type, this.ctx.program))
        .map((f) => f.name);
      if (missing.length > 0) {
        this.#error(expr, `Class ${className} is missing fields: ${missing.join(', ')}`);
      }
    }
    return { kind: 'class', name: className };
  }

  #call(expr: Extract<Expr, { kind: 'call' }>): MaybeType {
    const argTypes = expr.args.map((arg) => this.expr(arg));
    const name = expr.callee.value;
    const local = this.#lookup(name);
    const fn = this.ctx.functions.get(name);
    if (!fn) {
      if (!local.found) this.ctx.sink.report('unknown_callee', expr.callee, { name });
      return undefined;
    }
    this.#checkArgs(name, fn, argTypes, expr);
    return fn.returnType;
  }

  #checkArgs(name: string, fn: Callable, argTypes: MaybeType[], at: Span): void {
    if (argTypes.length !== fn.params.length) {
      this.#error(
        at,
        `Function ${name} expects ${fn.params.length} arguments, got ${argTypes.length}`,
      );
      return;
    }
    fn.params.forEach((param, i) => {
      if (!assignable(argTypes[i], param.type, this.ctx.program)) {
        this.#error(
          at,
          `Type mismatch in argument, expected: ${typeName(param.type)}, got: ${valueTypeName(argTypes[i])}`,
        );
      }
    });
  }

  #method(expr: Extract<Expr, { kind: 'method' }>): MaybeType {
    const method = expr.method.value;
    if (expr.target.kind === 'var' && expr.target.name === 'baml' && !this.#isLocal('baml')) {
      for (const arg of expr.args) this.expr(arg);
      if (method === 'fetch_as' && !expr.typeArg) {
        this.#error(
          expr,
          'Generic function baml.fetch_as must have a type argument. Try adding a type argument like this: baml.fetch_as<Type>',
        );
      }
      return expr.typeArg ? this.ctx.typeOf(expr.typeArg) : undefined;
    }
    if (expr.target.kind === 'field' && expr.target.field.value === '$watch') {
      return this.#watch(expr);
    }
    const target = expand(this.expr(expr.target), this.ctx.program);
    const argTypes = expr.args.map((arg) => this.expr(arg));
    if (target?.kind === 'class') {
      const fn = this.ctx.methods.get(`${target.name}.${method}`);
      if (fn) {
        this.#checkArgs(method, { ...fn, params: fn.params.slice(1) }, argTypes, expr);
        return fn.returnType;
      }
      return undefined;
    }
    if (method === 'length') return INT;
    if (target?.kind === 'map' && method === 'has') {
      if (!assignable(argTypes[0], STRING, this.ctx.program)) {
        this.#error(
          expr,
          `Type mismatch in argument, expected: string, got: ${valueTypeName(argTypes[0])}`,
        );
      }
      return BOOL;
    }
    return undefined;
  }

  #isLocal(name: string): boolean {
    return this.#scopes.some((scope) => scope.has(name));
  }

  /** `x.$watch.options(baml.WatchOptions { when: F })`: `F` must be `(T) -> bool`. */
  #watch(expr: Extract<Expr, { kind: 'method' }>): MaybeType {
    const target = expr.target.kind === 'field' ? expr.target.target : expr.target;
    const variableType = this.expr(target);
    for (const arg of expr.args) {
      if (arg.kind !== 'new') continue;
      for (const field of arg.fields) {
        if (field.name.value !== 'when' || field.value.kind !== 'var') continue;
        const name = field.value.name;
        const fn = this.ctx.functions.get(name);
        if (!fn) {
          this.ctx.sink.report('unknown_callee', field.value, { name });
          continue;
        }
        const [param] = fn.params;
        const ok =
          fn.params.length === 1 &&
          param !== undefined &&
          assignable(variableType, param.type, this.ctx.program) &&
          assignable(fn.returnType, BOOL, this.ctx.program);
        if (!ok) {
          this.#error(
            field,
            `Function '${name}' has incorrect type. Expected (T) -> bool, where T matches the variable type`,
          );
        }
      }
    }
    return undefined;
  }

  #field(expr: Extract<Expr, { kind: 'field' }>): MaybeType {
    const { program } = this.ctx;
    if (expr.target.kind === 'var' && !this.#isLocal(expr.target.name)) {
      const name = expr.target.name;
      if (Object.hasOwn(program.enums, name)) {
        const known = program.enums[name]?.values.some((v) => v.name === expr.field.value);
        if (!known) this.#error(expr, `Enum ${name} has no variant ${expr.field.value}`);
        return { kind: 'enum', name };
      }
      if (name === 'baml') return undefined;
    }
    const target = expand(this.expr(expr.target), program);
    if (target === undefined) return undefined;
    if (target.kind === 'class') {
      const field = program.classes[target.name]?.fields.find((f) => f.name === expr.field.value);
      if (!field) {
        this.#error(expr.field, `Class ${target.name} has no field ${expr.field.value}`);
        return undefined;
      }
      return field.type;
    }
    if (target.kind === 'primitive' || target.kind === 'literal' || target.kind === 'list') {
      if (expr.field.value.startsWith('$')) return undefined;
      this.#error(expr, 'Can only access fields on class instances');
    }
    return undefined;
  }

  #index(expr: Extract<Expr, { kind: 'index' }>): MaybeType {
    const target = expand(this.expr(expr.target), this.ctx.program);
    const index = this.expr(expr.index);
    if (target?.kind === 'list') {
      if (
        !assignable(index, INT, this.ctx.program) ||
        isPrimitive(expand(index, this.ctx.program), 'float')
      ) {
        this.#error(expr.index, 'Array index must be integer');
      }
      return target.item;
    }
    if (target?.kind === 'map') {
      if (!assignable(index, STRING, this.ctx.program)) {
        this.#error(expr.index, 'Map access must be a string');
      }
      return target.value;
    }
    return undefined;
  }
}
