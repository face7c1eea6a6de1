// Checks a call's arguments against the function's parameter types before anything is sent,
// so a wrong argument fails fast with `BamlInvalidArgumentError` instead of producing a
// confusing prompt. Deliberately structural (like TypeScript): extra object keys are allowed,
// class instances are fine as long as they have the fields.
import { acceptsNull } from '../../ir/type-queries.js';
import type { FunctionDef, Program, Type } from '../../ir/types.js';
import { BamlInvalidArgumentError } from '../errors/index.js';

/**
 * Returns the arguments by parameter name, with absent optional parameters set to `null`.
 * Throws `BamlInvalidArgumentError` naming the first parameter that does not fit.
 */
export function validateArgs(
  program: Program,
  fn: FunctionDef,
  args: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const param of fn.params) {
    const value = args[param.name];
    if (value === undefined || value === null) {
      if (!acceptsNull(param.type, program.typeAliases)) {
        throw new BamlInvalidArgumentError(`${fn.name}: Missing required parameter: ${param.name}`);
      }
      out[param.name] = null;
      continue;
    }
    const problem = check(program, param.type, value, param.name, 0);
    if (problem) throw new BamlInvalidArgumentError(`${fn.name}: ${problem}`);
    out[param.name] = value;
  }
  return out;
}

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;

/** null when `value` fits `type`, else a message naming the path. */
function check(
  program: Program,
  type: Type,
  value: unknown,
  path: string,
  depth: number,
): string | null {
  if (depth > 200) return null; // values this deep are not worth rejecting
  const expected = (what: string) => `${path}: expected ${what}, got ${describe(value)}`;
  switch (type.kind) {
    case 'primitive':
      switch (type.name) {
        case 'string':
          return typeof value === 'string' ? null : expected('a string');
        case 'int':
          return typeof value === 'number' && Number.isInteger(value) ? null : expected('an int');
        case 'float':
          return typeof value === 'number' ? null : expected('a float');
        case 'bool':
          return typeof value === 'boolean' ? null : expected('a bool');
        case 'null':
          return value === null || value === undefined ? null : expected('null');
      }
      return null;
    case 'media':
      return typeof value === 'object' && value !== null ? null : expected(`an ${type.name}`);
    case 'literal':
      return value === type.value ? null : expected(JSON.stringify(type.value));
    case 'enum': {
      const def = program.enums[type.name];
      if (typeof value !== 'string') return expected(`a ${type.name} value`);
      if (!def || def.dynamic || def.values.some((v) => v.name === value)) return null;
      return `${path}: ${JSON.stringify(value)} is not a value of enum ${type.name}`;
    }
    case 'class': {
      const def = program.classes[type.name];
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return expected(`a ${type.name} object`);
      }
      if (!def) return null;
      const record = value as Record<string, unknown>;
      for (const field of def.fields) {
        const v = record[field.name];
        if (v === undefined || v === null) {
          if (acceptsNull(field.type, program.typeAliases)) continue;
          return `${path}.${field.name}: Missing required field`;
        }
        const problem = check(program, field.type, v, `${path}.${field.name}`, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    case 'alias': {
      const def = program.typeAliases[type.name];
      return def ? check(program, def.type, value, path, depth + 1) : null;
    }
    case 'list': {
      if (!Array.isArray(value)) return expected('a list');
      for (let i = 0; i < value.length; i++) {
        const problem = check(program, type.item, value[i], `${path}[${i}]`, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return expected('a map');
      for (const [k, v] of Object.entries(value)) {
        const problem = check(program, type.value, v, `${path}[${JSON.stringify(k)}]`, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    case 'union': {
      if (value === null || value === undefined) {
        return acceptsNull(type, program.typeAliases) ? null : expected('a value');
      }
      let first: string | null = null;
      for (const variant of type.variants) {
        const problem = check(program, variant, value, path, depth + 1);
        if (!problem) return null;
        first ??= problem;
      }
      return first;
    }
    case 'tuple': {
      if (!Array.isArray(value) || value.length !== type.items.length) {
        return expected(`a tuple of ${type.items.length}`);
      }
      for (let i = 0; i < type.items.length; i++) {
        const item = type.items[i];
        if (!item) continue;
        const problem = check(program, item, value[i], `${path}[${i}]`, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
  }
}
