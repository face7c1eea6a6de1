// Which targets the strict-JSON streaming path takes (see strict-stream.ts), compiled once per
// stream into a small plan the scanner walks instead of the IR.
//
// The subset is the one whose partials the path reproduces exactly: classes (no constraints,
// no `@@stream.*`, not `@@dynamic`), lists, maps with string keys, `string`, `int`, `float`,
// `bool`, enums (no constraints), and `T?` of those (not of lists and maps); no streaming or
// constraint attributes on any of them. The top-level target must be a class, a list or a map
// (a top-level string streams the raw text, a top-level scalar gives no partials). Anything else
// (unions, literals, aliases, media) keeps the stream on the general path.
import type { ClassDef, FieldDef, Program, Type } from '../../../ir/types.js';

/** How one type occurrence is read. `nullable`: the type is `T?`. */
export type Plan = ScalarPlan | EnumPlan | ClassPlan | ListPlan | MapPlan;

export interface ScalarPlan {
  k: 'string' | 'int' | 'float' | 'bool';
  nullable: boolean;
}

export interface EnumPlan {
  k: 'enum';
  nullable: boolean;
  /** Parser-visible name (`@alias` or name, `@skip` left out, first wins) → value name. */
  names: Map<string, string>;
}

export interface ClassPlan {
  k: 'class';
  nullable: boolean;
  /** Output names of the parser-visible fields, in declaration order. */
  names: string[];
  /** Field plans, by field index. */
  fields: Plan[];
  /** Exact key (alias or name) → field index. */
  index: Map<string, number>;
}

export interface ListPlan {
  k: 'list';
  /** Always false: `T[]?` is left to the general path. */
  nullable: boolean;
  item: Plan;
}

const WORDS = new Set(['null', 'true', 'false']);

/** `map<string, T>`. */
export interface MapPlan {
  k: 'map';
  /** Always false: `map<…>?` is left to the general path. */
  nullable: boolean;
  value: Plan;
}

/** What a stream's top-level value may be on the strict path. */
export type RootPlan = ClassPlan | ListPlan | MapPlan;

/** Bound on class nesting while compiling (recursive classes are read lazily beyond it). */
const MAX_PLAN_DEPTH = 64;

function plainAttrs(type: Type): boolean {
  const a = type.attrs;
  if (a === undefined) return true;
  return (
    !a.streamDone &&
    !a.streamNotNull &&
    !a.streamWithState &&
    (a.constraints === undefined || a.constraints.length === 0)
  );
}

function plainClass(def: ClassDef): boolean {
  return (
    !def.dynamic &&
    !def.streamDone &&
    !def.streamNotNull &&
    (def.constraints === undefined || def.constraints.length === 0)
  );
}

/** Integer-like or blank-padded keys are matched by the coercer's later rounds: left out. */
function exactKey(key: string): boolean {
  const c = key.charCodeAt(0);
  return key.length > 0 && key.trim() === key && !(c >= 48 && c <= 57);
}

class PlanBuilder {
  private readonly classes = new Map<string, ClassPlan | null>();

  constructor(private readonly program: Program) {}

  plan(type: Type, depth: number): Plan | null {
    if (!plainAttrs(type) || depth > MAX_PLAN_DEPTH) return null;
    if (type.kind === 'union') {
      const [inner, last] = type.variants;
      if (type.variants.length !== 2 || inner === undefined || last === undefined) return null;
      if (last.kind !== 'primitive' || last.name !== 'null' || !plainAttrs(last)) return null;
      if (inner.kind === 'list' || inner.kind === 'map' || inner.kind === 'union') return null;
      const p = this.plan(inner, depth + 1);
      return p === null ? null : { ...p, nullable: true };
    }
    switch (type.kind) {
      case 'primitive':
        return type.name === 'null' ? null : { k: type.name, nullable: false };
      case 'enum':
        return this.enumPlan(type.name);
      case 'list': {
        const item = this.plan(type.item, depth + 1);
        return item === null ? null : { k: 'list', nullable: false, item };
      }
      case 'class':
        return this.classPlan(type.name, depth);
      case 'map': {
        const key = type.key;
        if (key.kind !== 'primitive' || key.name !== 'string' || !plainAttrs(key)) return null;
        const value = this.plan(type.value, depth + 1);
        return value === null ? null : { k: 'map', nullable: false, value };
      }
      default:
        return null;
    }
  }

  private enumPlan(name: string): EnumPlan | null {
    const def = this.program.enums[name];
    if (!def || (def.constraints !== undefined && def.constraints.length > 0)) return null;
    const names = new Map<string, string>();
    for (const value of def.values) {
      const key = value.alias ?? value.name;
      // (a value named like a JSON word could be matched by an unquoted `null`, `true`, …)
      if (WORDS.has(key.toLowerCase()) || WORDS.has(value.name.toLowerCase())) return null;
      if (!value.skip && !names.has(key)) names.set(key, value.name);
    }
    return { k: 'enum', nullable: false, names };
  }

  private classPlan(name: string, depth: number): ClassPlan | null {
    const known = this.classes.get(name);
    if (known !== undefined) return known;
    const def = this.program.classes[name];
    if (!def || !plainClass(def)) return null;
    const visible = def.fields.filter((f) => !f.skip);
    const plan: ClassPlan = {
      k: 'class',
      nullable: false,
      names: [],
      fields: [],
      index: new Map(),
    };
    // (set before the fields: a recursive class refers to its own plan)
    this.classes.set(name, plan);
    for (let i = 0; i < visible.length; i++) {
      const f = visible[i] as FieldDef;
      const p = this.plan(f.type, depth + 1);
      // `out.__proto__ = v` would set the prototype, not a field
      if (p === null || f.name === '__proto__') {
        this.classes.set(name, null);
        return null;
      }
      plan.names.push(f.name);
      plan.fields.push(p);
      const key = f.alias ?? f.name;
      if (exactKey(key) && !plan.index.has(key)) plan.index.set(key, i);
    }
    return plan;
  }
}

/**
 * The plan for a stream of `target`, or null when the strict-JSON streaming path does not
 * apply to it.
 *
 * @example strictStreamPlan(program, t.list(t.cls('Item')))?.k // 'list'
 */
export function strictStreamPlan(program: Program, target: Type): RootPlan | null {
  const plan = new PlanBuilder(program).plan(target, 0);
  if (plan === null || plan.nullable) return null;
  if (plan.k !== 'class' && plan.k !== 'list' && plan.k !== 'map') return null;
  return plan;
}
