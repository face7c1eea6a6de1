// The types a TypeBuilder hands out (`tb.string()`, `tb.list(t)`, `tb.Person.type()`, …): an
// immutable wrapper over an IR `Type`, so user code never holds (or edits) the IR itself.
import type { Type, TypeAttributes } from '../../ir/types.js';
import { renderType } from '../parse/coerce/coerce-support.js';

const NULL: Type = { kind: 'primitive', name: 'null' };

/** A type built with a `TypeBuilder`, to give to `addProperty` or `setType`. */
export class FieldType {
  /** @internal The IR type, without streaming flags (they are computed when a call uses it). */
  readonly ir: Type;

  /** @internal Made by `TypeBuilder`'s constructors, never directly. */
  constructor(ir: Type) {
    this.ir = ir;
  }

  /** `T[]`. */
  list(): FieldType {
    return new FieldType({ kind: 'list', item: this.ir });
  }

  /** `T?`: a union with `null` last (flattened when `T` is itself a union). */
  optional(): FieldType {
    const inner = this.ir;
    const variants = inner.kind === 'union' && !inner.attrs ? [...inner.variants] : [inner];
    const last = variants[variants.length - 1];
    if (last?.kind === 'primitive' && last.name === 'null' && !last.attrs) return this;
    return new FieldType({ kind: 'union', variants: [...variants, NULL] });
  }

  /** @internal The same type with more type-level attributes (`@stream.done`, …). */
  withAttributes(attrs: TypeAttributes): FieldType {
    return new FieldType({ ...this.ir, attrs: { ...this.ir.attrs, ...attrs } });
  }

  /** The type as BAML writes it, for messages and debugging. */
  toString(): string {
    return renderType(this.ir);
  }
}
