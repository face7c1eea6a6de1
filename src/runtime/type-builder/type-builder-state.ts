// The mutable state behind one TypeBuilder and its class / enum builders: working copies of the
// types it touched, a version that every change bumps, and the program applied for a call
// (cached per version).
import type { ClassDef, EnumDef, Program, TypeAliasDef } from '../../ir/types.js';
import { applyAdditions } from './additions.js';

/**
 * The working copy of `name` in `copies`, or else the schema's `declared` definition; with
 * `edit`, a declared one is copied (`copy`) into `copies` first.
 */
function workingCopy<D>(
  copies: Map<string, D>,
  name: string,
  declared: D | undefined,
  edit: boolean,
  copy: (declared: D) => D,
): D | undefined {
  const own = copies.get(name);
  if (own) return own;
  if (!declared || !edit) return declared;
  const def = copy(declared);
  copies.set(name, def);
  return def;
}

export class TypeBuilderState {
  readonly base: Program;
  /** Classes touched or created, by name: working copies, changed in place. */
  readonly classes = new Map<string, ClassDef>();
  readonly enums = new Map<string, EnumDef>();
  readonly typeAliases = new Map<string, TypeAliasDef>();
  #version = 0;
  #applied: { version: number; program: Program } | null = null;

  constructor(base: Program) {
    this.base = base;
  }

  /** Marks a change: the next call re-applies the builder. */
  touch(): void {
    this.#version++;
  }

  /**
   * Class `name` as the builder has it, or undefined. With `edit`, the working copy (copied from
   * the schema on first use); without, the schema's own definition until something changes it,
   * so that only reading a class costs a call nothing.
   */
  classDef(name: string, edit: boolean): ClassDef | undefined {
    return workingCopy(this.classes, name, this.base.classes[name], edit, (declared) => ({
      ...declared,
      fields: declared.fields.map((field) => ({ ...field })),
    }));
  }

  /** Enum `name` as the builder has it, or undefined; `edit` as for `classDef`. */
  enumDef(name: string, edit: boolean): EnumDef | undefined {
    return workingCopy(this.enums, name, this.base.enums[name], edit, (declared) => ({
      ...declared,
      values: declared.values.map((value) => ({ ...value })),
    }));
  }

  /** Whether `name` is a class, enum or alias of the schema or of this builder. */
  hasType(name: string): boolean {
    return (
      this.classes.has(name) ||
      this.enums.has(name) ||
      this.typeAliases.has(name) ||
      Object.hasOwn(this.base.classes, name) ||
      Object.hasOwn(this.base.enums, name) ||
      Object.hasOwn(this.base.typeAliases, name)
    );
  }

  /** The program as this builder has it now, without streaming flags on what it changed. */
  view(): Program {
    return {
      ...this.base,
      classes: { ...this.base.classes, ...Object.fromEntries(this.classes) },
      enums: { ...this.base.enums, ...Object.fromEntries(this.enums) },
      typeAliases: { ...this.base.typeAliases, ...Object.fromEntries(this.typeAliases) },
    };
  }

  /** The program a call with this builder runs on: `base` with the additions applied. */
  programFor(base: Program): Program {
    if (this.classes.size === 0 && this.enums.size === 0 && this.typeAliases.size === 0)
      return base;
    const cached = this.#applied;
    if (base === this.base && cached?.version === this.#version) return cached.program;
    const program = applyAdditions(base, {
      classes: [...this.classes.values()],
      enums: [...this.enums.values()],
      typeAliases: [...this.typeAliases.values()],
    });
    if (base === this.base) this.#applied = { version: this.#version, program };
    return program;
  }

  /** Forgets every change. */
  clear(): void {
    this.classes.clear();
    this.enums.clear();
    this.typeAliases.clear();
    this.touch();
  }
}
