// The streaming flags of spec §4.2 for every type occurrence: `needed` (never null in a partial),
// `done` (shown only once complete) and `state` (wrapped as `{value, state}`).
//
// One quirk is reproduced on purpose: inside the body of a *recursive* type alias nothing is
// inherently done (BAML shows `"c": 2.` as 2 and a bare `17` as 17 for a JSON-like alias), while
// a non-recursive alias is transparent (`type Score = int` streams like `int`).
import type { Program, StreamFlags, Type } from './types.js';

function isDone(
  program: Program,
  type: Type,
  inRecursiveAlias: boolean,
  seen: Set<string>,
): boolean {
  if (type.attrs?.streamDone) return true;
  if (inRecursiveAlias) return false;
  switch (type.kind) {
    case 'primitive':
      // string and null are not inherently done (null must still be complete to be shown).
      return type.name !== 'string' && type.name !== 'null';
    case 'literal':
    case 'enum':
      return true;
    case 'media':
      return false;
    case 'class':
      return program.classes[type.name]?.streamDone === true;
    case 'list':
    case 'map':
    case 'tuple':
      return false;
    case 'union':
      return type.variants.every((v) => isDone(program, v, false, seen));
    case 'alias': {
      const def = program.typeAliases[type.name];
      if (!def || def.recursive || seen.has(type.name)) return false;
      seen.add(type.name);
      return isDone(program, def.type, false, seen);
    }
  }
}

/**
 * The streaming flags of one type occurrence, computed from its attributes and the program.
 *
 * @example streamFlagsOf(program, { kind: 'primitive', name: 'int' }) // { needed: false, done: true, state: false }
 */
export function streamFlagsOf(program: Program, type: Type, inRecursiveAlias = false): StreamFlags {
  return {
    needed: type.kind === 'list' || type.kind === 'map' || type.attrs?.streamNotNull === true,
    done: isDone(program, type, inRecursiveAlias, new Set()),
    state: type.attrs?.streamWithState === true,
  };
}

/**
 * A copy of `type` with `stream` set on it and on every type inside it, read against `program`.
 * The type builder uses it for the fields it adds, so only what it adds is annotated.
 */
export function annotateType(program: Program, type: Type, inRecursiveAlias = false): Type {
  return annotate(program, type, inRecursiveAlias);
}

function annotate(program: Program, type: Type, inRecursiveAlias: boolean): Type {
  const stream = streamFlagsOf(program, type, inRecursiveAlias);
  switch (type.kind) {
    case 'list':
      return { ...type, item: annotate(program, type.item, inRecursiveAlias), stream };
    case 'map':
      return {
        ...type,
        key: annotate(program, type.key, inRecursiveAlias),
        value: annotate(program, type.value, inRecursiveAlias),
        stream,
      };
    case 'union':
      return {
        ...type,
        variants: type.variants.map((v) => annotate(program, v, inRecursiveAlias)),
        stream,
      };
    case 'tuple':
      return {
        ...type,
        items: type.items.map((v) => annotate(program, v, inRecursiveAlias)),
        stream,
      };
    default:
      return { ...type, stream };
  }
}

/**
 * Returns a copy of the program with `stream` set on every type occurrence (fields, aliases,
 * function parameters and return types). Pure: the input is not modified.
 */
export function annotateStreamFlags(program: Program): Program {
  const classes: Program['classes'] = {};
  for (const [name, def] of Object.entries(program.classes)) {
    classes[name] = {
      ...def,
      fields: def.fields.map((f) => ({ ...f, type: annotate(program, f.type, false) })),
    };
  }
  const typeAliases: Program['typeAliases'] = {};
  for (const [name, def] of Object.entries(program.typeAliases)) {
    typeAliases[name] = { ...def, type: annotate(program, def.type, def.recursive) };
  }
  const functions: Program['functions'] = {};
  for (const [name, def] of Object.entries(program.functions)) {
    functions[name] = {
      ...def,
      params: def.params.map((p) => ({ ...p, type: annotate(program, p.type, false) })),
      returnType: annotate(program, def.returnType, false),
    };
  }
  return { ...program, classes, typeAliases, functions };
}
