// An @huggingface/jinja interpreter adjusted to BAML's minijinja setup.
//
// Behaviours that differ from the engine and cannot be configured are patched on the instance
// (the engine keeps these methods private, but they are ordinary JS methods):
// - filters: BAML's (`format(type=…)`, `regex_match`, `sum`, `round`) and minijinja's that the
//   engine lacks or does differently (filters.ts, scoped-filters.ts) run before the built-ins;
// - members: Python string methods the engine lacks (string-methods.ts), an enum value's `.value`;
// - `a ~ b` joins the values' minijinja Display forms (none → "none", undefined → ""), and
//   `%`, `//`, `+` follow minijinja's arithmetic (operators.ts);
// - printing: `{{ x }}` prints values as BAML does (arg-values.ts `printJinja`), none as "null".
// Filters minijinja (with BAML's features) lacks are an error, as there (filter-names.ts).

import { Environment, Interpreter } from '@huggingface/jinja';
import { BamlError } from '../../errors/index.js';
import { displayJinja, enumName, isEnumValue, printJinja } from './arg-values.js';
import { FILTER_ALIASES, MINIJINJA_FILTERS } from './filter-names.js';
import { customFilters } from './filters.js';
import { binaryOperator } from './operators.js';
import { type JinjaValue, jv } from './runtime-values.js';
import { type FilterContext, scopedFilters } from './scoped-filters.js';
import { stringMethod } from './string-methods.js';
import { minijinjaTest } from './tests.js';

/** Expression nodes whose `none` result is printed (statements such as `set` return none too). */
const PRINTED_EXPRESSIONS = new Set([
  'Identifier',
  'MemberExpression',
  'FilterExpression',
  'Ternary',
]);

interface AstNode {
  type: string;
  value?: unknown;
  operator?: { value: string };
  left?: AstNode;
  right?: AstNode;
  callee?: AstNode;
  args?: AstNode[];
  object?: AstNode;
  operand?: AstNode;
  test?: AstNode;
  negate?: boolean;
  property?: AstNode;
  computed?: boolean;
}

/** A node standing for an already computed value (arguments handed from one filter to another). */
const VALUE_NODE = 'TsbamlValue';

/** Creates an interpreter whose global scope holds `globals` (already interpreter values). */
export function createInterpreter(globals: Map<string, JinjaValue>): Interpreter {
  const env = new Environment();
  // `new Environment()` has no builtins (none, true, range, …); borrow them the way Template does.
  for (const [k, v] of [
    ['none', null],
    ['None', null],
    ['true', true],
    ['True', true],
    ['false', false],
    ['False', false],
  ] as const) {
    env.set(k, v);
  }
  env.set('range', (start: number, stop?: number, step = 1) => {
    const [from, to] = stop === undefined ? [0, start] : [start, stop];
    const out: number[] = [];
    for (let i = from; step > 0 ? i < to : i > to; i += step) out.push(i);
    return out;
  });
  for (const [name, value] of globals) env.variables.set(name, value as never);

  const interpreter = new Interpreter(env);
  const self = interpreter as unknown as {
    applyFilter(operand: JinjaValue, node: AstNode, scope: Environment): JinjaValue;
    evaluateArguments(args: AstNode[], scope: Environment): [JinjaValue[], Map<string, JinjaValue>];
    evaluate(node: AstNode, scope: Environment): JinjaValue;
    evaluateBlock(statements: AstNode[], scope: Environment): JinjaValue;
    evaluateMemberExpression(node: AstNode, scope: Environment): JinjaValue;
    evaluateBinaryExpression(node: AstNode, scope: Environment): JinjaValue;
    evaluateTestExpression(node: AstNode, scope: Environment): JinjaValue;
  };

  const builtinEvaluate = self.evaluate.bind(interpreter);
  self.evaluate = (node, scope) =>
    node?.type === VALUE_NODE ? (node.value as JinjaValue) : builtinEvaluate(node, scope);

  // Python string methods the engine lacks (`.count()`, `.find()`, …), as minijinja's pycompat.
  const builtinMember = self.evaluateMemberExpression.bind(interpreter);
  self.evaluateMemberExpression = (node, scope) => {
    if (node.computed || !node.object) return builtinMember(node, scope);
    // The object is evaluated once and handed to the engine as a computed value.
    const object = self.evaluate(node.object, scope);
    // An enum value has one attribute, `value`: its name (BAML's `MinijinjaBamlEnumValue`).
    if (isEnumValue(object))
      return node.property?.value === 'value' ? jv.string(enumName(object)) : jv.undefined();
    const value = builtinMember({ ...node, object: { type: VALUE_NODE, value: object } }, scope);
    if (value.type !== 'UndefinedValue') return value;
    const method = stringMethod(String(node.property?.value), printJinja);
    if (!method) return value;
    return typeof object.value === 'string' && object.type === 'StringValue'
      ? jv.function((args) => method(object.value as string, args))
      : value;
  };

  // `a ~ b`: minijinja's string concatenation of both values' Display forms; `%`, `//` and `+`
  // where minijinja computes them differently (operators.ts).
  const builtinBinary = self.evaluateBinaryExpression.bind(interpreter);
  self.evaluateBinaryExpression = (node, scope) => {
    const op = node.operator?.value;
    if ((op !== '~' && op !== '%' && op !== '//' && op !== '+') || !node.left || !node.right)
      return builtinBinary(node, scope);
    const left = self.evaluate(node.left, scope);
    const right = self.evaluate(node.right, scope);
    if (op === '~') return jv.string(displayJinja(left) + displayJinja(right));
    return (
      binaryOperator(op, left, right) ??
      builtinBinary(
        {
          ...node,
          left: { type: VALUE_NODE, value: left },
          right: { type: VALUE_NODE, value: right },
        },
        scope,
      )
    );
  };

  // `x is string` and the other tests whose engine version differs from minijinja's (tests.ts).
  const builtinTest = self.evaluateTestExpression.bind(interpreter);
  self.evaluateTestExpression = (node, scope) => {
    const name = node.test?.value;
    const test = minijinjaTest(name);
    const known = (scope as unknown as { tests: Map<unknown, unknown> }).tests.has(name);
    if (!test && !known) throw new BamlError(`unknown test: test ${String(name)} is unknown`);
    if (!test || !node.operand) return builtinTest(node, scope);
    const result = test(self.evaluate(node.operand, scope));
    return jv.bool(node.negate ? !result : result);
  };

  const builtinFilter = self.applyFilter.bind(interpreter);
  self.applyFilter = (given, filterNode, scope) => {
    const givenName =
      filterNode.type === 'Identifier' ? filterNode.value : filterNode.callee?.value;
    if (typeof givenName === 'string' && !MINIJINJA_FILTERS.has(givenName))
      throw new BamlError(`unknown filter: filter ${givenName} is unknown`);
    const alias = typeof givenName === 'string' ? FILTER_ALIASES[givenName] : undefined;
    const node = alias ? renameFilter(filterNode, alias) : filterNode;
    const name = alias ?? givenName;
    // minijinja reads an object through its Display where a filter wants a string, so an enum
    // value is its alias to every filter (`format` serialises it by alias itself).
    const operand = isEnumValue(given) && name !== 'format' ? jv.string(given.toString()) : given;
    const custom = typeof name === 'string' ? customFilters[name] : undefined;
    const scoped = typeof name === 'string' ? scopedFilters[name] : undefined;
    if (custom || scoped) {
      const [args, kwargs] =
        node.type === 'CallExpression'
          ? self.evaluateArguments(node.args ?? [], scope)
          : [[], new Map()];
      const result = custom
        ? custom(operand, args, kwargs)
        : scoped?.(operand, args, filterContext(scope));
      if (result) return result;
    }
    return builtinFilter(operand, node, scope);
  };
  const filterContext = (scope: Environment): FilterContext => ({
    test: (name) =>
      minijinjaTest(name) ??
      (scope as unknown as { tests: Map<string, (v: JinjaValue) => boolean> }).tests.get(name),
    applyFilter: (value, filterName, args) =>
      self.applyFilter(
        value,
        args.length === 0
          ? { type: 'Identifier', value: filterName }
          : {
              type: 'CallExpression',
              callee: { type: 'Identifier', value: filterName },
              args: args.map((a) => ({ type: VALUE_NODE, value: a })),
            },
        scope,
      ),
  });

  const builtinBlock = self.evaluateBlock.bind(interpreter);
  self.evaluateBlock = (statements, scope) => {
    let out = '';
    for (const statement of statements) {
      const value = self.evaluate(statement, scope);
      if (value.type === 'NullValue') {
        if (PRINTED_EXPRESSIONS.has(statement.type)) out += 'null';
      } else if (value.type !== 'UndefinedValue') {
        out += printJinja(value);
      }
    }
    // Reuse the engine's own StringValue by rendering an empty block and replacing its payload.
    const result = builtinBlock([], scope);
    result.value = out;
    return result;
  };
  return interpreter;
}

/** The filter node with another name (an alias such as `count` → `length`). */
function renameFilter(node: AstNode, name: string): AstNode {
  return node.type === 'CallExpression'
    ? { ...node, callee: { type: 'Identifier', value: name } }
    : { type: 'Identifier', value: name };
}
