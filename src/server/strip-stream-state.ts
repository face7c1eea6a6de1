// BAML's /stream route sends partials as plain values: the `{ value, state }` wrappers that
// `@stream.with_state` adds to partials are dropped there (spec §6). The BAML-compatible stream
// protocol does the same; the `events` and `patch` protocols keep them (the partial types in
// /openapi.json describe them).
import { mayHoldStreamState } from '../ir/type-queries.js';
import type { Program, Type } from '../ir/types.js';

/**
 * Returns a function removing stream-state wrappers from partials of `type`, or `null` when the
 * type cannot contain any (the common case, which then costs nothing).
 */
export function stateStripper(
  program: Program,
  type: Type,
): ((partial: unknown) => unknown) | null {
  if (!mayHoldStreamState(program, type)) return null;
  return (partial) => strip(program, type, partial);
}

function strip(program: Program, type: Type, value: unknown): unknown {
  let current = value;
  if ((type.stream?.state || type.attrs?.streamWithState) && isStateWrapper(current))
    current = current.value;
  if (current === null || typeof current !== 'object') return current;
  switch (type.kind) {
    case 'class': {
      const cls = program.classes[type.name];
      if (!cls || Array.isArray(current)) return current;
      const record = current as Record<string, unknown>;
      const out: Record<string, unknown> = { ...record };
      for (const field of cls.fields) {
        if (Object.hasOwn(record, field.name))
          out[field.name] = strip(program, field.type, record[field.name]);
      }
      return out;
    }
    case 'alias': {
      const alias = program.typeAliases[type.name];
      return alias ? strip(program, alias.type, current) : current;
    }
    case 'list':
      return Array.isArray(current)
        ? current.map((item) => strip(program, type.item, item))
        : current;
    case 'map':
      return Object.fromEntries(
        Object.entries(current as Record<string, unknown>).map(([k, v]) => [
          k,
          strip(program, type.value, v),
        ]),
      );
    case 'union': {
      // The partial does not say which variant it is; the first variant of a matching shape wins.
      const variant = type.variants.find((v) => shapeMatches(program, v, current));
      return variant ? strip(program, variant, current) : current;
    }
    default:
      return current;
  }
}

function shapeMatches(program: Program, type: Type, value: unknown): boolean {
  switch (type.kind) {
    case 'list':
    case 'tuple':
      return Array.isArray(value);
    case 'class': {
      const cls = program.classes[type.name];
      if (!cls || typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      return Object.keys(value).every((k) => cls.fields.some((f) => f.name === k));
    }
    case 'map':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'alias': {
      const alias = program.typeAliases[type.name];
      return alias ? shapeMatches(program, alias.type, value) : false;
    }
    default:
      return false;
  }
}

function isStateWrapper(value: unknown): value is { value: unknown; state: string } {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return keys.length === 2 && 'value' in value && 'state' in value;
}
