// An @huggingface/jinja interpreter adjusted to BAML's minijinja setup.
//
// Behaviours that differ from the engine and cannot be configured are patched on the instance
// (the engine keeps these methods private, but they are ordinary JS methods):
// - filters: BAML's (`format(type=…)`, `regex_match`, `sum`, `round`) and minijinja's that the
//   engine lacks or does differently (filters.ts, scoped-filters.ts) run before the built-ins;
// - members: Python string methods the engine lacks (string-methods.ts);
// - printing: `{{ x }}` prints values as BAML does (arg-values.ts `printJinja`), none as "null".

import { Environment, Interpreter } from '@huggingface/jinja';
import { printJinja } from './arg-values.js';
import { customFilters } from './filters.js';
import { type JinjaValue, jv } from './runtime-values.js';
import { type FilterContext, scopedFilters } from './scoped-filters.js';
import { stringMethod } from './string-methods.js';

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
  callee?: AstNode;
  args?: AstNode[];
  object?: AstNode;
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
  };

  const builtinEvaluate = self.evaluate.bind(interpreter);
  self.evaluate = (node, scope) =>
    node?.type === VALUE_NODE ? (node.value as JinjaValue) : builtinEvaluate(node, scope);

  // Python string methods the engine lacks (`.count()`, `.find()`, …), as minijinja's pycompat.
  const builtinMember = self.evaluateMemberExpression.bind(interpreter);
  self.evaluateMemberExpression = (node, scope) => {
    const value = builtinMember(node, scope);
    if (value.type !== 'UndefinedValue' || node.computed || !node.object) return value;
    const method = stringMethod(String(node.property?.value), printJinja);
    if (!method) return value;
    const object = self.evaluate(node.object, scope);
    return typeof object.value === 'string' && object.type === 'StringValue'
      ? jv.function((args) => method(object.value as string, args))
      : value;
  };

  const builtinFilter = self.applyFilter.bind(interpreter);
  self.applyFilter = (operand, node, scope) => {
    const name = node.type === 'Identifier' ? node.value : node.callee?.value;
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
    tests: (scope as unknown as { tests: FilterContext['tests'] }).tests,
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
