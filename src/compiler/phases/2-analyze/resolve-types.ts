// Lowers a type expression to an IR `Type`, resolving names against the scope:
// `T?` becomes a union ending in `null`, nested unions are flattened, and parenthesised
// attributes (`(Item @stream.done)`) land on the inner type's `attrs`.

import type { MediaName, PrimitiveName, Type, TypeAttributes } from '../../../ir/types.js';
import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import { suggestName } from '../../utils/suggest-name.js';
import type { TypeExpr } from '../1-parse/ast.js';
import { printType } from '../1-parse/printer.js';
import { type ReadAttributes, readAttributes } from './read-attributes.js';
import type { Scope } from './scope.js';

const PRIMITIVES = new Set<string>(['string', 'int', 'float', 'bool', 'null']);
const MEDIA = new Set<string>(['image', 'audio', 'pdf', 'video']);

/** Resolves type expressions for one program; `sink.file` must be the file being walked. */
export class TypeResolver {
  constructor(
    private readonly scope: Scope,
    private readonly sink: DiagnosticSink,
    /** False for types in expression functions, where BAML accepts any map key type. */
    private readonly checkMapKeys = true,
  ) {}

  /** The IR type for `expr`. Unknown names are reported and stand in as `string`. */
  resolve(expr: TypeExpr): Type {
    switch (expr.kind) {
      case 'named':
        return this.#resolveName(expr.name, expr);
      case 'literal':
        return { kind: 'literal', value: expr.value };
      case 'optional':
        return makeOptional(this.resolve(expr.inner));
      case 'list':
        return { kind: 'list', item: this.resolve(expr.item) };
      case 'map': {
        if (this.checkMapKeys) this.#checkMapKey(expr.key);
        return { kind: 'map', key: this.resolve(expr.key), value: this.resolve(expr.value) };
      }
      case 'union': {
        const variants: Type[] = [];
        for (const variant of expr.variants) pushFlattened(variants, this.resolve(variant));
        return { kind: 'union', variants };
      }
      case 'tuple':
        return { kind: 'tuple', items: expr.items.map((item) => this.resolve(item)) };
      case 'paren': {
        const inner = this.resolve(expr.inner);
        if (expr.attributes.length === 0) return inner;
        return withAttributes(inner, readAttributes(expr.attributes, 'type', this.sink));
      }
    }
  }

  #resolveName(name: string, span: TypeExpr): Type {
    if (PRIMITIVES.has(name)) return { kind: 'primitive', name: name as PrimitiveName };
    if (MEDIA.has(name)) return { kind: 'media', name: name as MediaName };
    if (this.scope.classes.has(name)) return { kind: 'class', name };
    if (this.scope.enums.has(name)) return { kind: 'enum', name };
    if (this.scope.aliases.has(name)) return { kind: 'alias', name };
    const candidates = [
      ...PRIMITIVES,
      ...this.scope.classes.keys(),
      ...this.scope.enums.keys(),
      ...this.scope.aliases.keys(),
    ];
    const suggestion = suggestName(name, candidates);
    this.sink.report('unknown_type', span, suggestion ? { name, suggestion } : { name });
    return { kind: 'primitive', name: 'string' };
  }

  /** Map keys must be `string`, an enum, a string literal or a union of those. */
  #checkMapKey(key: TypeExpr): void {
    if (!this.#isValidKey(key, new Set())) {
      this.sink.report('invalid_map_key', key, { found: printType(key) });
    }
  }

  #isValidKey(key: TypeExpr, visiting: Set<string>): boolean {
    switch (key.kind) {
      case 'named': {
        if (key.name === 'string' || this.scope.enums.has(key.name)) return true;
        const alias = this.scope.aliases.get(key.name);
        if (alias && !visiting.has(key.name)) {
          visiting.add(key.name);
          return this.#isValidKey(alias.declaration.type, visiting);
        }
        // Unknown names are reported by `resolve`; do not pile a second error on them.
        return (
          !PRIMITIVES.has(key.name) &&
          !MEDIA.has(key.name) &&
          !this.scope.classes.has(key.name) &&
          !alias
        );
      }
      case 'literal':
        return typeof key.value === 'string';
      case 'union':
        return key.variants.every((variant) => this.#isValidKey(variant, visiting));
      case 'paren':
        return this.#isValidKey(key.inner, visiting);
      default:
        return false;
    }
  }
}

/** `T?`: a union whose last variant is `null` (flattening `T` when it is a plain union). */
export function makeOptional(inner: Type): Type {
  const variants: Type[] = [];
  pushFlattened(variants, inner);
  const last = variants[variants.length - 1];
  if (!(last?.kind === 'primitive' && last.name === 'null' && !last.attrs)) {
    variants.push({ kind: 'primitive', name: 'null' });
  }
  // `null?` is just `null`.
  if (variants.length === 1) return inner;
  return { kind: 'union', variants };
}

function pushFlattened(into: Type[], type: Type): void {
  if (type.kind === 'union' && !type.attrs) into.push(...type.variants);
  else into.push(type);
}

/** The type-level part of read attributes, or undefined when there is none. */
export function typeAttributesOf(read: ReadAttributes): TypeAttributes | undefined {
  const attrs: TypeAttributes = {};
  if (read.constraints.length > 0) attrs.constraints = read.constraints;
  if (read.streamDone) attrs.streamDone = true;
  if (read.streamNotNull) attrs.streamNotNull = true;
  if (read.streamWithState) attrs.streamWithState = true;
  return Object.keys(attrs).length > 0 ? attrs : undefined;
}

/** Adds type-level attributes to `type` (merging with attributes it already has). */
export function withAttributes(type: Type, read: ReadAttributes): Type {
  const added = typeAttributesOf(read);
  if (!added) return type;
  const merged: TypeAttributes = { ...type.attrs };
  if (added.constraints) merged.constraints = [...(merged.constraints ?? []), ...added.constraints];
  if (added.streamDone) merged.streamDone = true;
  if (added.streamNotNull) merged.streamNotNull = true;
  if (added.streamWithState) merged.streamWithState = true;
  return { ...type, attrs: merged };
}
