// Runs expression functions ("workflow functions"): a tree-walking interpreter over the IR of
// their statements. Calls of LLM functions go back through the runtime (`callLlm`), so they get
// the same options, collectors, retries and parsing as a direct call. The IR's depth is bounded
// by the compiler; calls between expression functions are bounded by `MAX_CALL_DEPTH`.
//
// Values: numbers, strings, booleans, null, arrays, and plain objects for maps and class
// instances (instances built here remember their class, for methods and `instanceof`).

import type { IrBlock, IrExpr, IrStmt } from '../../ir/statements.js';
import type { ClassDef, Program } from '../../ir/types.js';
import { abortErrorFor } from '../errors/baml-abort-error.js';
import { BamlError } from '../errors/index.js';

/** How deeply expression functions (and methods) may call each other. */
export const MAX_CALL_DEPTH = 200;

/** Loop iterations between two yields to the event loop. */
const YIELD_EVERY = 4096;

type Value = unknown;
type Completion =
  | undefined
  | { kind: 'break' }
  | { kind: 'continue' }
  | { kind: 'return'; value: Value };

/** An enum named in a body (`Color.Red`): its values are read as fields. */
class EnumRef {
  constructor(readonly name: string) {}
}

/** Calls an LLM function by name through the runtime. */
export type CallLlm = (name: string, args: Record<string, Value>) => Promise<Value>;

/**
 * Evaluates expression functions of one program.
 *
 * @example
 * const runner = new ExpressionRunner(program, (name, args) => runtime.call(name, args));
 * await runner.call('Pipeline', { n: 2 });
 */
export class ExpressionRunner {
  readonly #classOf = new WeakMap<object, string>();
  readonly #globals = new Map<string, Promise<Value>>();

  #ticks = 0;

  constructor(
    private readonly program: Program,
    private readonly callLlm: CallLlm,
    private readonly signal?: AbortSignal,
  ) {}

  /**
   * Called on every loop iteration: stops a run whose signal aborted, and every few thousand
   * iterations yields to the event loop so timers (and so aborts and timeouts) can fire even in
   * a loop that calls no LLM function.
   */
  async tick(): Promise<void> {
    if (this.signal?.aborted) throw abortErrorFor(this.signal);
    this.#ticks++;
    if (this.#ticks % YIELD_EVERY === 0) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.signal?.aborted) throw abortErrorFor(this.signal);
    }
  }

  /** Runs expression function `name` with validated arguments. */
  async call(name: string, args: Record<string, Value>, depth = 0): Promise<Value> {
    const fn = this.program.functions[name];
    if (!fn) throw new BamlError(`Function ${name} does not exist`);
    if (!fn.expression) return this.callLlm(name, args);
    if (!fn.body)
      throw new BamlError(
        `${name} is an expression function without a body in this client; regenerate it`,
      );
    if (depth >= MAX_CALL_DEPTH) {
      throw new BamlError(
        `${name}: expression functions called each other more than ${MAX_CALL_DEPTH} deep`,
      );
    }
    for (const param of fn.params) {
      const value = args[param.name];
      if (value !== null && typeof value === 'object' && param.type.kind === 'class') {
        this.#classOf.set(value, param.type.name);
      }
    }
    const frame = new Frame(this, depth, new Map(Object.entries(args)));
    return frame.runBody(fn.body, name);
  }

  /** Calls `name` from inside a body. */
  invoke(name: string, args: Value[], depth: number): Promise<Value> {
    const fn = this.program.functions[name];
    if (!fn) throw new BamlError(`Unknown function ${name}`);
    const named: Record<string, Value> = {};
    fn.params.forEach((param, i) => {
      named[param.name] = args[i];
    });
    return this.call(name, named, depth + 1);
  }

  /** Runs method `name` of the class of `target`. */
  async invokeMethod(target: object, name: string, args: Value[], depth: number): Promise<Value> {
    const className = this.classNameOf(target, name);
    const method = className ? this.program.classes[className]?.methods?.[name] : undefined;
    if (!method) throw new BamlError(`No method ${name} on this value`);
    if (depth >= MAX_CALL_DEPTH) {
      throw new BamlError(`${name}: methods called each other more than ${MAX_CALL_DEPTH} deep`);
    }
    const locals = new Map<string, Value>();
    method.params.forEach((param, i) => {
      locals.set(param, i === 0 ? target : args[i - 1]);
    });
    return new Frame(this, depth + 1, locals).runBody(method.body, name);
  }

  /** The class of an object built here, or the one class that has method `method`. */
  classNameOf(value: object, method?: string): string | undefined {
    const known = this.#classOf.get(value);
    if (known) return known;
    if (method === undefined) return undefined;
    const owners = Object.values(this.program.classes).filter((c) => c.methods?.[method]);
    return owners.length === 1 ? owners[0]?.name : undefined;
  }

  remember(value: object, className: string): void {
    this.#classOf.set(value, className);
  }

  /** A top-level `let`, evaluated once, when first read. */
  global(name: string): Promise<Value> | undefined {
    const cached = this.#globals.get(name);
    if (cached) return cached;
    const def = this.program.globals?.find((g) => g.name === name);
    if (!def) return undefined;
    const value = new Frame(this, 0, new Map()).expr(def.value);
    this.#globals.set(name, value);
    return value;
  }

  get classes(): Record<string, ClassDef> {
    return this.program.classes;
  }

  hasEnum(name: string): boolean {
    return Object.hasOwn(this.program.enums, name);
  }

  llm(name: string, args: Record<string, Value>): Promise<Value> {
    return this.callLlm(name, args);
  }
}

/** One activation: the scopes of a function or method body. */
class Frame {
  readonly #scopes: Array<Map<string, Value>>;

  constructor(
    private readonly runner: ExpressionRunner,
    private readonly depth: number,
    locals: Map<string, Value>,
  ) {
    this.#scopes = [locals];
  }

  async runBody(body: IrBlock, name: string): Promise<Value> {
    this.#scopes.push(new Map());
    for (const stmt of body.statements) {
      const done = await this.stmt(stmt);
      if (done?.kind === 'return') return done.value;
      if (done) throw new BamlError(`${name}: \`${done.kind}\` outside of a loop`);
    }
    if (!body.tail) return null;
    const { done, value } = await this.#tail(body.tail);
    if (done?.kind === 'return') return done.value;
    if (done) throw new BamlError(`${name}: \`${done.kind}\` outside of a loop`);
    return value === undefined ? null : value;
  }

  /** A block's last expression: an `if` or block there may also `break`, `continue`, `return`. */
  async #tail(expr: IrExpr): Promise<{ done: Completion; value: Value }> {
    if (expr.k === 'block') return this.#block(expr.block);
    if (expr.k !== 'if') return { done: undefined, value: await this.expr(expr) };
    const branch = truthy(await this.expr(expr.condition)) ? expr.thenBlock : expr.otherwise;
    if (!branch) return { done: undefined, value: null };
    return this.#block(branch);
  }

  async #block(block: IrBlock): Promise<{ done: Completion; value: Value }> {
    this.#scopes.push(new Map());
    try {
      for (const stmt of block.statements) {
        const done = await this.stmt(stmt);
        if (done) return { done, value: undefined };
      }
      return block.tail ? await this.#tail(block.tail) : { done: undefined, value: null };
    } finally {
      this.#scopes.pop();
    }
  }

  #set(name: string, value: Value): void {
    for (let i = this.#scopes.length - 1; i >= 0; i--) {
      const scope = this.#scopes[i];
      if (scope?.has(name)) {
        scope.set(name, value);
        return;
      }
    }
    throw new BamlError(`Unknown variable ${name}`);
  }

  async stmt(stmt: IrStmt): Promise<Completion> {
    switch (stmt.k) {
      case 'let':
        this.#scopes[this.#scopes.length - 1]?.set(stmt.name, await this.expr(stmt.value));
        return undefined;
      case 'assign':
        await this.#assign(stmt.target, stmt.op, stmt.value);
        return undefined;
      case 'expr': {
        if (stmt.expr.k === 'if' || stmt.expr.k === 'block') return this.#statementIf(stmt.expr);
        await this.expr(stmt.expr);
        return undefined;
      }
      case 'return':
        return { kind: 'return', value: stmt.value ? await this.expr(stmt.value) : null };
      case 'break':
      case 'continue':
        return { kind: stmt.k };
      case 'assert': {
        const ok = await this.expr(stmt.value);
        if (ok !== true) throw new BamlError('assert failed');
        return undefined;
      }
      case 'while':
        while (truthy(await this.expr(stmt.condition))) {
          await this.runner.tick();
          const { done } = await this.#block(stmt.body);
          if (done?.kind === 'break') break;
          if (done?.kind === 'return') return done;
        }
        return undefined;
      case 'for_in': {
        const items = await this.expr(stmt.iterable);
        if (!Array.isArray(items)) throw new BamlError('iterable in `for` loop must be an array');
        for (const item of [...items]) {
          await this.runner.tick();
          this.#scopes.push(new Map([[stmt.name, item]]));
          try {
            const { done } = await this.#block(stmt.body);
            if (done?.kind === 'break') break;
            if (done?.kind === 'return') return done;
          } finally {
            this.#scopes.pop();
          }
        }
        return undefined;
      }
      case 'for_c': {
        this.#scopes.push(new Map());
        try {
          if (stmt.init) await this.stmt(stmt.init);
          while (!stmt.condition || truthy(await this.expr(stmt.condition))) {
            await this.runner.tick();
            const { done } = await this.#block(stmt.body);
            if (done?.kind === 'break') break;
            if (done?.kind === 'return') return done;
            if (stmt.after) await this.stmt(stmt.after);
          }
        } finally {
          this.#scopes.pop();
        }
        return undefined;
      }
    }
  }

  /** An `if` or a block used as a statement: `break`/`continue`/`return` inside it propagate. */
  async #statementIf(expr: IrExpr): Promise<Completion> {
    if (expr.k === 'block') return (await this.#block(expr.block)).done;
    if (expr.k !== 'if') return undefined;
    const branch = truthy(await this.expr(expr.condition)) ? expr.thenBlock : expr.otherwise;
    if (!branch) return undefined;
    if (branch.statements.length === 0 && branch.tail?.k === 'if') {
      return this.#statementIf(branch.tail);
    }
    return (await this.#block(branch)).done;
  }

  async #assign(target: IrExpr, op: string, valueExpr: IrExpr): Promise<void> {
    let value = await this.expr(valueExpr);
    if (op !== '=') value = binary(op.slice(0, -1), await this.expr(target), value);
    switch (target.k) {
      case 'var':
        this.#set(target.name, value);
        return;
      case 'field': {
        const object = await this.expr(target.target);
        if (object === null || typeof object !== 'object') {
          throw new BamlError(`Cannot set field ${target.name} of a non-object`);
        }
        (object as Record<string, Value>)[target.name] = value;
        return;
      }
      case 'index': {
        const { container, key } = await this.#slot(target);
        (container as Record<string | number, Value>)[key] = value;
        return;
      }
      default:
        throw new BamlError('Invalid left hand of assignment');
    }
  }

  async expr(expr: IrExpr): Promise<Value> {
    switch (expr.k) {
      case 'lit':
        return expr.value;
      case 'var':
        return this.#read(expr.name);
      case 'array': {
        const items: Value[] = [];
        for (const item of expr.items) items.push(await this.expr(item));
        return items;
      }
      case 'map': {
        const map: Record<string, Value> = {};
        for (const [key, value] of expr.entries)
          map[String(await this.expr(key))] = await this.expr(value);
        return map;
      }
      case 'new': {
        const object: Record<string, Value> = {};
        for (const spread of expr.spreads) Object.assign(object, await this.expr(spread));
        for (const [name, value] of expr.fields) object[name] = await this.expr(value);
        this.runner.remember(object, expr.className);
        return object;
      }
      case 'call': {
        const args: Value[] = [];
        for (const arg of expr.args) args.push(await this.expr(arg));
        return this.runner.invoke(expr.fn, args, this.depth);
      }
      case 'method':
        return this.#method(expr);
      case 'field': {
        if (
          expr.target.k === 'var' &&
          !this.#isLocal(expr.target.name) &&
          this.runner.hasEnum(expr.target.name)
        ) {
          return expr.name;
        }
        const object = await this.expr(expr.target);
        if (object instanceof EnumRef) return expr.name;
        if (object === null || typeof object !== 'object') {
          throw new BamlError(`Cannot read field ${expr.name} of ${describe(object)}`);
        }
        const value = (object as Record<string, Value>)[expr.name];
        return value === undefined ? null : value;
      }
      case 'index': {
        const { container, key } = await this.#slot(expr);
        const value = (container as Record<string | number, Value>)[key];
        if (value === undefined) throw new BamlError(`Key ${JSON.stringify(key)} not found`);
        return value;
      }
      case 'unary': {
        const operand = await this.expr(expr.operand);
        if (expr.op === '!') return !truthy(operand);
        if (typeof operand !== 'number') throw new BamlError('Cannot negate a non-number');
        return -operand;
      }
      case 'binary':
        return this.#binary(expr);
      case 'if': {
        const branch = truthy(await this.expr(expr.condition)) ? expr.thenBlock : expr.otherwise;
        if (!branch) return null;
        const { done, value } = await this.#block(branch);
        if (done)
          throw new BamlError(`\`${done.kind}\` inside an \`if\` used as a value is not supported`);
        return value;
      }
      case 'block': {
        const { done, value } = await this.#block(expr.block);
        if (done)
          throw new BamlError(`\`${done.kind}\` inside a block used as a value is not supported`);
        return value;
      }
      case 'unsupported':
        throw new BamlError(
          `Expression functions: ${expr.what} are not supported by tsbaml's runner`,
        );
    }
  }

  /** The array and in-bounds index, or the map and key, that `target[index]` names. */
  async #slot(
    expr: Extract<IrExpr, { k: 'index' }>,
  ): Promise<{ container: Value[] | Record<string, Value>; key: number | string }> {
    const container = await this.expr(expr.target);
    const key = await this.expr(expr.index);
    if (Array.isArray(container) && typeof key === 'number') {
      if (key < 0 || key >= container.length) throw new BamlError(`Index ${key} out of bounds`);
      return { container, key };
    }
    if (container !== null && typeof container === 'object' && typeof key === 'string') {
      return { container: container as Record<string, Value>, key };
    }
    throw new BamlError('Can only index arrays and maps');
  }

  #isLocal(name: string): boolean {
    return this.#scopes.some((scope) => scope.has(name));
  }

  async #read(name: string): Promise<Value> {
    for (let i = this.#scopes.length - 1; i >= 0; i--) {
      const scope = this.#scopes[i];
      if (scope?.has(name)) return scope.get(name);
    }
    const global = this.runner.global(name);
    if (global) return global;
    if (this.runner.hasEnum(name)) return new EnumRef(name);
    throw new BamlError(`Unknown variable ${name}`);
  }

  async #binary(expr: Extract<IrExpr, { k: 'binary' }>): Promise<Value> {
    const left = await this.expr(expr.left);
    if (expr.op === '&&') return truthy(left) ? truthy(await this.expr(expr.right)) : false;
    if (expr.op === '||') return truthy(left) ? true : truthy(await this.expr(expr.right));
    if (expr.op === 'instanceof') {
      if (expr.right.k !== 'var') return false;
      return this.#isInstance(left, expr.right.name);
    }
    return binary(expr.op, left, await this.expr(expr.right));
  }

  #isInstance(value: Value, className: string): boolean {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const known = this.runner.classNameOf(value);
    if (known) return known === className;
    const def = this.runner.classes[className];
    if (!def) return false;
    const isOptional = (t: { kind: string; variants?: Array<{ kind: string; name?: string }> }) =>
      t.kind === 'union' &&
      (t.variants ?? []).some((v) => v.kind === 'primitive' && v.name === 'null');
    return def.fields.every((f) => Object.hasOwn(value, f.name) || isOptional(f.type));
  }

  async #method(expr: Extract<IrExpr, { k: 'method' }>): Promise<Value> {
    const args: Value[] = [];
    for (const arg of expr.args) args.push(await this.expr(arg));
    if (expr.target.k === 'var' && expr.target.name === 'baml' && !this.#isLocal('baml')) {
      if (expr.name === 'deep_copy') return structuredClone(args[0]);
      throw new BamlError(`baml.${expr.name} is not supported by tsbaml's expression runner`);
    }
    if (expr.target.k === 'field' && expr.target.name === '$watch') return null;
    const target = await this.expr(expr.target);
    if (expr.name === 'length') {
      if (typeof target === 'string' || Array.isArray(target)) return target.length;
      if (target !== null && typeof target === 'object') return Object.keys(target).length;
    }
    if (
      expr.name === 'has' &&
      target !== null &&
      typeof target === 'object' &&
      !Array.isArray(target)
    ) {
      return Object.hasOwn(target, String(args[0]));
    }
    if (target !== null && typeof target === 'object') {
      return this.runner.invokeMethod(target, expr.name, args, this.depth);
    }
    throw new BamlError(`Method ${expr.name} is not supported on ${describe(target)}`);
  }
}

function truthy(value: Value): boolean {
  if (typeof value !== 'boolean') throw new BamlError(`Expected a bool, got ${describe(value)}`);
  return value;
}

function describe(value: Value): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function binary(op: string, left: Value, right: Value): Value {
  switch (op) {
    case '==':
      return equal(left, right);
    case '!=':
      return !equal(left, right);
  }
  if (op === '+' && typeof left === 'string' && typeof right === 'string') return left + right;
  if (typeof left !== 'number' || typeof right !== 'number') {
    throw new BamlError(`Cannot apply ${op} to ${describe(left)} and ${describe(right)}`);
  }
  switch (op) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      if (right === 0) throw new BamlError('Division by zero');
      return Number.isInteger(left) && Number.isInteger(right)
        ? Math.trunc(left / right)
        : left / right;
    case '%':
      if (right === 0) throw new BamlError('Division by zero');
      return left % right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '&':
      return left & right;
    case '|':
      return left | right;
    case '^':
      return left ^ right;
    case '<<':
      return left << right;
    case '>>':
      return left >> right;
  }
  throw new BamlError(`Unknown operator ${op}`);
}

/** Structural equality for values (JSON text; objects compared field by field in order). */
function equal(left: Value, right: Value): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) {
    return false;
  }
  try {
    return JSON.stringify(left) === JSON.stringify(right);
  } catch {
    return false;
  }
}
