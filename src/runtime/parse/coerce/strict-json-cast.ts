// The strict-JSON fast path of the final parse: when the whole answer is valid JSON whose shape
// matches the target type exactly, the value is built from `JSON.parse`'s result in one typed
// walk (objects and arrays that need no change are kept as they are), without the raw tree.
//
// Exactness guard: the walk accepts only what provably gives the value the full path gives
// (stage A's strict-JSON candidate, then the final-mode Coercer), and answers NOT_APPLICABLE
// for anything else, so the caller runs the full path. For such text stage A's root is
// `AnyOf([tree])`, the tree read like serde reads it; JSON.parse reads the same values (same
// strings, numbers via the same correctly rounded conversion) except where serde rejects the
// document: a `\u` escape of a lone surrogate, or nesting deeper than 128 (both refused here).
// Duplicate keys (JSON.parse keeps the last, the coercer the first match) are caught by
// comparing the object entries in the text with the properties the walk saw. Then, per type,
// the walk accepts only the coercer's exact reading:
// - string / bool / null: the same JSON kind; int: a safe integer; float: a finite number;
// - enum: a string equal to a value's name as the parser sees it (`@alias` or name, `@skip`
//   left out, first match wins), which the coercer tries first; literal: the same value;
// - class: an object whose keys are all exact names (alias or name) of parser-visible fields,
//   each matched by the coercer's first, exact round; missing optional fields are null and
//   missing list / map fields `[]` / `{}` outside a union (in the union's strict pass they fail);
// - list / map: every item / value matches (the coercer would drop a failing one);
// - unions (`T?` included): a scalar takes the first scalar variant that reads it exactly
//   (the strict pass returns the first score-0 success); a container needs exactly one
//   variant of its kind, whose strict reading is then the only strict success (see `union`).
// Anything else bails: several class / map variants for one object (e.g. tagged unions),
// nested unions, constraints (`@check` / `@assert`, `@@assert`), media, tuples, unknown keys,
// integer-like keys (JSON.parse lists them first; conservative), map keys that are names on
// Object.prototype, and a top-level target read from the whole text (string, enum, string
// literal). `@stream.*` never changes a final value (it matters only for partials and for the
// with_state wrapping of a stream's last partial, which callers keep on the full path).
// Recursive aliases are followed like the coercer does (bounded by the nesting limit).
import type { ClassDef, FieldDef, Program, Type } from '../../../ir/types.js';
import { isOptional } from './coerce-support.js';
import { countColons, scanJsonText } from './strict-json-text.js';

/** Returned by `strictJsonCast` when the fast path does not apply. */
export const NOT_APPLICABLE: unique symbol = Symbol('tsbaml.strictJsonCast.notApplicable');

/** serde_json's recursion limit: deeper text is not strict JSON to stage A. */
const MAX_NESTING = 128;
/** Bound on following aliases that consume no value (a cycle would never end). */
const MAX_HOPS = 64;

/** The walk's "does not apply" (never a JSON value). */
const BAIL: unique symbol = Symbol('bail');
/** A scalar variant the coercer's strict pass rejects (see `leaf`). */
const FAILS: unique symbol = Symbol('fails');

/** Keys an empty object already answers `in` for (the map coercer skips them). */
const EMPTY: Record<string, unknown> = {};

/**
 * The final value of `text` as `target` when the fast path applies (the value the full final
 * parse gives), else NOT_APPLICABLE.
 *
 * @example strictJsonCast(program, t.list(t.int), '[1, 2]') // [1, 2]
 * @example strictJsonCast(program, t.int, '"42"') // NOT_APPLICABLE (the full path reads it)
 */
export function strictJsonCast(
  program: Program,
  target: Type,
  text: string,
): unknown | typeof NOT_APPLICABLE {
  if (readsWholeText(program, target, 0)) return NOT_APPLICABLE;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return NOT_APPLICABLE;
  }
  const walk = new StrictWalk(program);
  const value = walk.cast(target, parsed, false, 0);
  if (value === BAIL) return NOT_APPLICABLE;
  // Every object entry in the text is a property the walk saw: no key was given twice.
  // (a lone surrogate escape makes scanJsonText negative, never a count of properties)
  const entries =
    text.indexOf('\\u') === -1 ? countColons(text) - walk.stringColons : scanJsonText(text);
  return entries === walk.properties ? value : NOT_APPLICABLE;
}

/** Whether the coercer reads a top-level `type` from the whole text rather than the JSON value. */
function readsWholeText(program: Program, type: Type, hops: number): boolean {
  switch (type.kind) {
    case 'primitive':
      return type.name === 'string';
    case 'enum':
      return true;
    case 'literal':
      return typeof type.value === 'string';
    case 'alias': {
      const def = program.typeAliases[type.name];
      if (!def || hops >= MAX_HOPS) return true; // (bail)
      return !def.recursive && readsWholeText(program, def.type, hops + 1);
    }
    default:
      return false;
  }
}

function hasConstraints(type: Type): boolean {
  const c = type.attrs?.constraints;
  return c !== undefined && c.length > 0;
}

/** Integer-like keys (array indices) start with a digit; so do some others (conservative). */
function startsWithDigit(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** What the walk needs of a class, computed once per call. */
interface ClassPlan {
  /** Parser-visible fields (`@skip` left out), in declaration order (the output's order). */
  fields: FieldDef[];
  /** Exact key → field index, for the names the coercer's first (exact) round matches. */
  index: Map<string, number>;
  /** Whether the key of field i differs from its output name (`@alias`). */
  renamed: boolean[];
  /** Colons in the key of field i. */
  keyColons: number[];
}

class StrictWalk {
  /** Properties of every object walked (compared with the object entries in the text). */
  properties = 0;
  /** Colons in every string walked, keys included (see strict-json-text.ts). */
  stringColons = 0;
  private readonly classes = new Map<string, ClassPlan | null>();
  private readonly enums = new Map<string, Map<string, string> | null>();

  constructor(private readonly program: Program) {}

  /** `v` as `type`, or BAIL. `strict`: inside a union's strict pass. */
  cast(type: Type, v: unknown, strict: boolean, depth: number): unknown {
    if (hasConstraints(type)) return BAIL;
    switch (type.kind) {
      case 'primitive':
      case 'literal':
      case 'enum': {
        const r = this.leaf(type, v);
        return r === FAILS ? BAIL : r;
      }
      case 'class':
        return this.object(type.name, v, strict, depth);
      case 'alias': {
        const def = this.program.typeAliases[type.name];
        if (!def || depth >= MAX_NESTING) return BAIL;
        return this.cast(def.type, v, strict, depth + 1);
      }
      case 'list':
        return this.list(type.item, v, strict, depth);
      case 'map':
        return this.map(type.value, v, strict, depth);
      case 'union':
        return this.union(type.variants, v, depth);
      default:
        return BAIL; // media, tuple
    }
  }

  /**
   * A scalar type's strict coercion of `v`: its value (always with score 0), FAILS when the
   * coercer's strict pass rejects it, BAIL when unsure. Outside a union's strict pass the
   * coercer gives the same value (it tries the exact reading first) and FAILS means "not exact".
   */
  private leaf(type: Type, v: unknown): unknown {
    switch (type.kind) {
      case 'primitive':
        switch (type.name) {
          case 'string':
            return typeof v === 'string' ? this.string(v) : FAILS;
          case 'int':
            if (typeof v !== 'number' || !Number.isInteger(v)) return FAILS;
            return Number.isSafeInteger(v) ? v : BAIL;
          case 'float':
            if (typeof v !== 'number') return FAILS;
            return Number.isFinite(v) ? v : BAIL;
          case 'bool':
            return typeof v === 'boolean' ? v : FAILS;
          case 'null':
            return v === null ? v : FAILS;
        }
        return BAIL;
      case 'literal': {
        const want = type.value;
        if (typeof want === 'number' && !Number.isSafeInteger(want)) return BAIL;
        // (v, not want: a JSON -0 stays -0 as in the coercer)
        if (v !== want) return FAILS;
        return typeof v === 'string' ? this.string(v) : v;
      }
      case 'enum': {
        const names = this.enumNames(type.name);
        if (names === null) return BAIL;
        const out = typeof v === 'string' ? names.get(v) : undefined;
        if (out === undefined) return FAILS;
        this.string(v as string);
        return out;
      }
      default:
        return BAIL;
    }
  }

  /**
   * The coercer's union: a strict pass over the variants in order that returns the first
   * score-0 success, else the best strict success, else a lenient pass (not followed here:
   * BAIL). Scalar variants succeed strictly only on the exact reading, with score 0, and fail
   * on containers; container variants fail strictly on scalars. So for a scalar the first
   * scalar variant that takes it exactly is the result; for a container, the one variant of
   * its kind (class or map for an object, list for an array) must succeed in the strict pass,
   * being the only strict success. Several such variants, nested unions and constraints bail.
   */
  private union(variants: Type[], v: unknown, depth: number): unknown {
    const container = v !== null && typeof v === 'object';
    let only: Type | undefined;
    for (const variant of variants) {
      const t = this.resolve(variant);
      if (t === undefined || t.kind === 'union') return BAIL;
      const k = t.kind;
      const takesContainer = k === 'class' || k === 'map' || k === 'list';
      if (!container) {
        if (takesContainer || k === 'media' || k === 'tuple') continue;
        const r = this.leaf(t, v);
        if (r !== FAILS) return r;
      } else if (takesContainer && Array.isArray(v) === (k === 'list')) {
        if (only !== undefined) return BAIL;
        only = t;
      }
    }
    return only === undefined ? BAIL : this.cast(only, v, true, depth);
  }

  /** `type` with aliases followed; undefined when unknown or constrained on the way. */
  private resolve(type: Type): Type | undefined {
    let t = type;
    for (let hops = 0; !hasConstraints(t); hops++) {
      if (t.kind !== 'alias') return t;
      const def = this.program.typeAliases[t.name];
      if (!def || hops >= MAX_HOPS) return undefined;
      t = def.type;
    }
    return undefined;
  }

  /** Counts the colons of a walked string; returns it. */
  private string(s: string): string {
    if (s.indexOf(':') !== -1) this.stringColons += countColons(s);
    return s;
  }

  private list(item: Type, v: unknown, strict: boolean, depth: number): unknown {
    if (!Array.isArray(v) || depth >= MAX_NESTING) return BAIL;
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      const r = this.cast(item, x, strict, depth + 1);
      if (r === BAIL) return BAIL;
      if (r !== x && out === undefined) out = v.slice(0, i);
      if (out !== undefined) out.push(r);
    }
    return out ?? v;
  }

  private map(value: Type, v: unknown, strict: boolean, depth: number): unknown {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || depth >= MAX_NESTING)
      return BAIL;
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj);
    this.properties += keys.length;
    let out: Record<string, unknown> | undefined;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      if (key in EMPTY || startsWithDigit(key)) return BAIL;
      this.string(key);
      const x = obj[key];
      const r = this.cast(value, x, strict, depth + 1);
      if (r === BAIL) return BAIL;
      if (r !== x && out === undefined) {
        out = {};
        for (let j = 0; j < k; j++) out[keys[j] as string] = obj[keys[j] as string];
      }
      if (out !== undefined) out[key] = r;
    }
    return out ?? obj;
  }

  private object(name: string, v: unknown, strict: boolean, depth: number): unknown {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || depth >= MAX_NESTING)
      return BAIL;
    const plan = this.classPlan(name);
    if (plan === null) return BAIL;
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj);
    this.properties += keys.length;
    const fields = plan.fields;
    const n = fields.length;
    // Cast values never are undefined: undefined marks a field no key named.
    const values: unknown[] = new Array(n);
    let same = keys.length === n;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      const i = plan.index.get(key);
      if (i === undefined) return BAIL;
      this.stringColons += plan.keyColons[i] as number;
      const x = obj[key];
      const r = this.cast((fields[i] as FieldDef).type, x, strict, depth + 1);
      if (r === BAIL) return BAIL;
      values[i] = r;
      if (i !== k || r !== x || plan.renamed[i]) same = false;
    }
    if (keys.length < n) {
      for (let i = 0; i < n; i++) {
        if (values[i] !== undefined) continue;
        const ft = (fields[i] as FieldDef).type;
        if (isOptional(ft)) values[i] = null;
        else if (strict) return BAIL;
        else if (ft.kind === 'list') values[i] = [];
        else if (ft.kind === 'map') values[i] = {};
        else return BAIL;
      }
    }
    // Keys in field order, each its field's name, values unchanged: the object is the output.
    if (same) return obj;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) out[(fields[i] as FieldDef).name] = values[i];
    return out;
  }

  private classPlan(name: string): ClassPlan | null {
    let plan = this.classes.get(name);
    if (plan === undefined) {
      plan = makeClassPlan(this.program.classes[name]);
      this.classes.set(name, plan);
    }
    return plan;
  }

  /** The enum's parser-visible names (alias or name) → value names, first one winning. */
  private enumNames(name: string): Map<string, string> | null {
    let names = this.enums.get(name);
    if (names === undefined) {
      const def = this.program.enums[name];
      if (!def || (def.constraints !== undefined && def.constraints.length > 0)) names = null;
      else {
        names = new Map();
        for (const value of def.values) {
          const key = value.alias ?? value.name;
          if (!value.skip && !names.has(key)) names.set(key, value.name);
        }
      }
      this.enums.set(name, names);
    }
    return names;
  }
}

function makeClassPlan(def: ClassDef | undefined): ClassPlan | null {
  if (!def || (def.constraints !== undefined && def.constraints.length > 0)) return null;
  const fields = def.fields.filter((f) => !f.skip);
  const index = new Map<string, number>();
  const renamed: boolean[] = [];
  const keyColons: number[] = [];
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as FieldDef;
    // `out.__proto__ = v` would set the prototype, not a field: leave such classes alone.
    if (f.name === '__proto__') return null;
    const key = f.alias ?? f.name;
    renamed.push(key !== f.name);
    keyColons.push(countColons(key));
    // The coercer trims keys before matching: a name with blanks around it is never matched
    // exactly. Integer-like names are left out too (JSON.parse lists those keys first).
    if (key.trim() !== key || startsWithDigit(key) || index.has(key)) continue;
    index.set(key, i);
  }
  return { fields, index, renamed, keyColons };
}
