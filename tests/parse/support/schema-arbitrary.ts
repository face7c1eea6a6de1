// fast-check generators for the strict-JSON fast path's property test: random schemas (classes
// with optional, aliased and skipped fields, enums with aliases and skipped values, literals,
// lists, maps, `T?`, scalar unions, aliases), a JSON document that matches the schema exactly,
// mutations of it, and a serialiser that can write what JS objects cannot hold (duplicate keys,
// any key order, numbers as written, `\u` escapes).
import fc from 'fast-check';
import type { ClassDef, EnumDef, Program, Type, TypeAliasDef } from '../../../src/ir/types.js';
import { makeProgram } from './program.js';

/** A schema before naming: the IR is built from it by `buildSchema`. */
export type Spec =
  | { k: 'string' | 'int' | 'float' | 'bool' }
  | { k: 'lit'; value: string | number | boolean }
  | { k: 'enum'; values: { name: string; alias?: string; skip?: boolean }[] }
  | { k: 'class'; fields: FieldSpec[] }
  | { k: 'list'; item: Spec }
  | { k: 'map'; value: Spec }
  | { k: 'opt'; inner: Spec; nullFirst: boolean }
  | { k: 'union'; variants: Spec[] }
  | { k: 'alias'; inner: Spec };

export interface FieldSpec {
  name: string;
  alias?: string;
  skip?: boolean;
  optional: boolean;
  type: Spec;
}

/** A JSON document as written: objects are entry lists (duplicates and order kept). */
export type J = null | boolean | number | string | J[] | Obj | NumText;
export class Obj {
  constructor(readonly entries: [string, J][]) {}
}
/** A number written as given (e.g. `1e400`). */
export class NumText {
  constructor(readonly text: string) {}
}

// ---- schemas ------------------------------------------------------------------------------

const names = ['alpha', 'k:v', 'x y', 'élan', 'snake_case', 'Camel', ' padded', '9lives'];

const scalarSpec: fc.Arbitrary<Spec> = fc.oneof(
  fc.constantFrom<Spec>({ k: 'string' }, { k: 'int' }, { k: 'float' }, { k: 'bool' }),
  fc
    .oneof(fc.constantFrom('a', 'b:c', 'Ok'), fc.integer({ min: -5, max: 5 }), fc.boolean())
    .map((value): Spec => ({ k: 'lit', value })),
  fc
    .uniqueArray(
      fc.record({
        name: fc.constantFrom('RED', 'GREEN', 'BLUE', 'K_1'),
        alias: fc.option(fc.constantFrom('rouge', 'vert:', 'Blue sky'), { nil: undefined }),
        skip: fc.option(fc.constant(true), { nil: undefined, freq: 4 }),
      }),
      { selector: (v) => v.name, minLength: 1, maxLength: 4 },
    )
    .filter((values) => values.some((v) => !v.skip))
    .map((values): Spec => ({ k: 'enum', values })),
);

const scalarUnion: fc.Arbitrary<Spec> = fc
  .constantFrom<Spec[]>(
    [{ k: 'int' }, { k: 'string' }],
    [{ k: 'int' }, { k: 'float' }],
    [{ k: 'bool' }, { k: 'int' }, { k: 'string' }],
    [
      { k: 'lit', value: 'a' },
      { k: 'lit', value: 'b' },
    ],
    [{ k: 'lit', value: 1 }, { k: 'lit', value: true }, { k: 'string' }],
  )
  .map((variants): Spec => ({ k: 'union', variants }));

/** Random schemas; `opt` and `alias` never wrap a union (unions are flat in the IR). */
export const specArb: fc.Arbitrary<Spec> = fc.letrec<{ spec: Spec; single: Spec }>((tie) => ({
  spec: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    tie('single'),
    scalarUnion,
    fc
      .array(tie('single'), { minLength: 2, maxLength: 3 })
      .map((variants): Spec => ({ k: 'union', variants })),
    tie('single').chain((inner) =>
      fc.boolean().map((nullFirst): Spec => ({ k: 'opt', inner, nullFirst })),
    ),
  ),
  single: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    scalarSpec,
    fc
      .array(
        fc.record({
          alias: fc.option(fc.constantFrom(...names), { nil: undefined }),
          skip: fc.option(fc.constant(true), { nil: undefined, freq: 5 }),
          optional: fc.boolean(),
          type: tie('spec'),
        }),
        { maxLength: 4 },
      )
      .map(
        (fields): Spec => ({
          k: 'class',
          // unique names, and unique aliases (a suffix); skipped fields are optional
          fields: fields.map((f, i) => ({
            ...f,
            name: `f${i}`,
            alias: f.alias === undefined ? undefined : `${f.alias}${i}`,
            optional: f.optional || f.skip === true,
          })),
        }),
      ),
    tie('spec').map((item): Spec => ({ k: 'list', item })),
    tie('spec').map((value): Spec => ({ k: 'map', value })),
    tie('single').map((inner): Spec => ({ k: 'alias', inner })),
  ),
})).spec;

/** The IR program and target type of a schema. */
export function buildSchema(spec: Spec): { program: Program; type: Type } {
  const classes: ClassDef[] = [];
  const enums: EnumDef[] = [];
  const aliases: TypeAliasDef[] = [];
  const build = (s: Spec): Type => {
    switch (s.k) {
      case 'string':
      case 'int':
      case 'float':
      case 'bool':
        return { kind: 'primitive', name: s.k };
      case 'lit':
        return { kind: 'literal', value: s.value };
      case 'enum': {
        const name = `E${enums.length}`;
        enums.push({ name, values: s.values.map((v) => ({ ...v })) });
        return { kind: 'enum', name };
      }
      case 'class': {
        const name = `C${classes.length}`;
        const def: ClassDef = { name, fields: [] };
        classes.push(def);
        for (const f of s.fields) {
          const inner = build(f.type);
          const nul: Type = { kind: 'primitive', name: 'null' };
          // `T?` of a union is the flat union with null (as the compiler writes it)
          const type: Type = !f.optional
            ? inner
            : inner.kind !== 'union'
              ? { kind: 'union', variants: [inner, nul] }
              : inner.variants.some(isNull)
                ? inner
                : { kind: 'union', variants: [...inner.variants, nul] };
          def.fields.push({ name: f.name, type, alias: f.alias, skip: f.skip });
        }
        return { kind: 'class', name };
      }
      case 'list':
        return { kind: 'list', item: build(s.item) };
      case 'map':
        return { kind: 'map', key: { kind: 'primitive', name: 'string' }, value: build(s.value) };
      case 'opt': {
        const inner = build(s.inner);
        const nul: Type = { kind: 'primitive', name: 'null' };
        return { kind: 'union', variants: s.nullFirst ? [nul, inner] : [inner, nul] };
      }
      case 'union':
        return { kind: 'union', variants: s.variants.map(build) };
      case 'alias': {
        const name = `A${aliases.length}`;
        const def: TypeAliasDef = {
          name,
          type: { kind: 'primitive', name: 'null' },
          recursive: false,
        };
        aliases.push(def);
        def.type = build(s.inner);
        return { kind: 'alias', name };
      }
    }
  };
  const type = build(spec);
  return { program: makeProgram({ classes, enums, aliases }), type };
}

function isNull(t: Type): boolean {
  return t.kind === 'primitive' && t.name === 'null';
}

/** Whether the coercer reads this top-level schema from the whole text (the fast path bails). */
export function readsWholeText(spec: Spec): boolean {
  if (spec.k === 'alias') return readsWholeText(spec.inner);
  return (
    spec.k === 'string' || spec.k === 'enum' || (spec.k === 'lit' && typeof spec.value === 'string')
  );
}

/**
 * Whether the fast path applies to every document that matches the schema exactly: it bails on
 * a top-level type read from the whole text, on unions with two variants of one container kind
 * (class / map, or list), and on field names it never matches exactly (blanks around, a digit
 * first).
 */
export function appliesToExactDocs(spec: Spec): boolean {
  if (readsWholeText(spec)) return false;
  const ok = (s: Spec): boolean => {
    switch (s.k) {
      case 'class':
        return s.fields.every(
          (f) =>
            (f.skip === true ||
              f.alias === undefined ||
              (f.alias.trim() === f.alias && !/^[0-9]/.test(f.alias))) &&
            ok(f.type),
        );
      case 'list':
        return ok(s.item);
      case 'map':
        return ok(s.value);
      case 'opt':
      case 'alias':
        return ok(s.inner);
      case 'union': {
        const kinds = s.variants.map(containerKind);
        const objects = kinds.filter((k) => k === 'object').length;
        const lists = kinds.filter((k) => k === 'list').length;
        return objects < 2 && lists < 2 && s.variants.every(ok);
      }
      default:
        return true;
    }
  };
  return ok(spec);
}

function containerKind(s: Spec): 'object' | 'list' | undefined {
  if (s.k === 'alias') return containerKind(s.inner);
  if (s.k === 'class' || s.k === 'map') return 'object';
  return s.k === 'list' ? 'list' : undefined;
}

// ---- documents ----------------------------------------------------------------------------

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('a:b', 'x"y', 'back\\slash', 'tab\t', 'line\nnext', '\u0001', '😀', 'é', ''),
);
const mapKey = fc
  .oneof(fc.string({ maxLength: 6 }), fc.constantFrom('k:1', 'a b', '_x', '\u0002'))
  .filter((k) => !(k in {}) && !/^[0-9]/.test(k));

/** A document that matches the schema exactly (string values from `strings`). */
export function docArb(spec: Spec, strings: fc.Arbitrary<string> = text): fc.Arbitrary<J> {
  switch (spec.k) {
    case 'string':
      return strings;
    case 'int':
      return fc.integer({ min: -1_000_000, max: 1_000_000 });
    case 'float':
      // (an integral double beyond 2^53 read as an int makes the fast path bail: not plain)
      return fc
        .double({ noNaN: true, noDefaultInfinity: true })
        .filter((x) => !Number.isInteger(x) || Number.isSafeInteger(x));
    case 'bool':
      return fc.boolean();
    case 'lit':
      return fc.constant(spec.value);
    case 'enum':
      return fc.constantFrom(...spec.values.filter((v) => !v.skip).map((v) => v.alias ?? v.name));
    case 'class': {
      const parts = spec.fields
        .filter((f) => !f.skip)
        .map((f) => {
          const entry = docArb(f.type, strings).map((v): [string, J] => [f.alias ?? f.name, v]);
          return f.optional ? fc.option(entry, { nil: undefined }) : entry;
        });
      return fc
        .tuple(...parts)
        .map((es) => es.filter((e): e is [string, J] => e !== undefined))
        .chain((es) => fc.shuffledSubarray(es, { minLength: es.length, maxLength: es.length }))
        .map((es) => new Obj(es));
    }
    case 'list':
      return fc.array(docArb(spec.item, strings), { maxLength: 3 });
    case 'map':
      return fc
        .uniqueArray(fc.tuple(mapKey, docArb(spec.value, strings)), {
          selector: (e) => e[0],
          maxLength: 3,
        })
        .map((es) => new Obj(es));
    case 'opt':
      return fc.oneof(fc.constant(null), docArb(spec.inner, strings));
    case 'union':
      return fc.oneof(...spec.variants.map((v) => docArb(v, strings)));
    case 'alias':
      return docArb(spec.inner, strings);
  }
}

/** Every node of a document, each with a function that replaces it in a copy. */
function nodes(doc: J, replace: (j: J) => J, out: { node: J; put: (j: J) => J }[]): void {
  out.push({ node: doc, put: replace });
  if (Array.isArray(doc)) {
    doc.forEach((item, i) => {
      nodes(item, (j) => replace(doc.map((x, k) => (k === i ? j : x))), out);
    });
  } else if (doc instanceof Obj) {
    doc.entries.forEach(([key, value], i) => {
      nodes(
        value,
        (j) => replace(new Obj(doc.entries.map((e, k) => (k === i ? [key, j] : e)))),
        out,
      );
    });
  }
}

const jsonDoc: fc.Arbitrary<J> = fc.jsonValue({ maxDepth: 2 }).map(function toJ(v: unknown): J {
  if (Array.isArray(v)) return v.map(toJ);
  if (v !== null && typeof v === 'object')
    return new Obj(Object.entries(v).map(([k, x]) => [k, toJ(x)]));
  return v as J;
});

/** The plain document with one change that may (or may not) make the fast path bail. */
export function mutatedArb(doc: J): fc.Arbitrary<J> {
  const all: { node: J; put: (j: J) => J }[] = [];
  nodes(doc, (j) => j, all);
  const keyVariants = (key: string) =>
    fc.constantFrom(key.toUpperCase(), ` ${key}`, `${key} `, '__proto__', 'toString', '1', '007');
  return fc.nat({ max: all.length - 1 }).chain((i) => {
    const { node, put } = all[i] as { node: J; put: (j: J) => J };
    const options: fc.Arbitrary<J>[] = [
      jsonDoc.map(put),
      fc
        .constantFrom<J>(1.5, 2 ** 60, new NumText('1e400'), '\ud800', 'x\udc00', new NumText('-0'))
        .map(put),
    ];
    if (node instanceof Obj && node.entries.length > 0) {
      const es = node.entries;
      options.push(
        // a duplicate key, with the same or another value, before or after
        fc
          .tuple(
            fc.nat({ max: es.length - 1 }),
            fc.oneof(jsonDoc, fc.constant(undefined)),
            fc.boolean(),
          )
          .map(([k, v, before]) => {
            const [key, value] = es[k] as [string, J];
            const dup: [string, J] = [key, v === undefined ? value : v];
            return put(new Obj(before ? [dup, ...es] : [...es, dup]));
          }),
        fc.nat({ max: es.length - 1 }).map((k) => put(new Obj(es.filter((_, j) => j !== k)))),
        fc
          .tuple(fc.nat({ max: es.length - 1 }), fc.constant(0))
          .chain(([k]) =>
            keyVariants((es[k] as [string, J])[0]).map((key) =>
              put(new Obj(es.map((e, j) => (j === k ? [key, e[1]] : e)))),
            ),
          ),
      );
    }
    if (node instanceof Obj) {
      options.push(
        fc.constant(put(new Obj([]))),
        fc
          .tuple(fc.constantFrom('extra', 'zz:z', 'f0'), jsonDoc)
          .map(([key, v]) => put(new Obj([...node.entries, [key, v]]))),
      );
    }
    return fc.oneof(...options);
  });
}

/** JSON text of a document: `indent` per level (none: compact), escapes as `\u` when asked. */
export function writeDoc(doc: J, indent: string, escapeAll: boolean): string {
  const str = (s: string) => {
    const plain = JSON.stringify(s);
    if (!escapeAll) return plain;
    return plain.replace(
      /[^\x20-\x7e]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  };
  const go = (j: J, level: number): string => {
    const pad = indent === '' ? '' : `\n${indent.repeat(level + 1)}`;
    const end = indent === '' ? '' : `\n${indent.repeat(level)}`;
    const sep = indent === '' ? ':' : ': ';
    if (j instanceof NumText) return j.text;
    if (j instanceof Obj) {
      if (j.entries.length === 0) return '{}';
      return `{${j.entries.map(([k, v]) => `${pad}${str(k)}${sep}${go(v, level + 1)}`).join(',')}${end}}`;
    }
    if (Array.isArray(j)) {
      if (j.length === 0) return '[]';
      return `[${j.map((v) => `${pad}${go(v, level + 1)}`).join(',')}${end}]`;
    }
    if (typeof j === 'string') return str(j);
    return JSON.stringify(j);
  };
  return go(doc, 0);
}
