// The recorded `dynamic-types` cases of real BAML 0.226.2 (copied into ./cases): each case's
// TypeBuilder operations are applied the way the shared runner applies them, and `b.parse`,
// `b.parseStream` after every chunk and the streaming request (the rendered prompt) must equal
// the recording. A case whose operations throw in BAML must throw an error of the same class.
// The one deliberate difference (`@@stream.done` honoured on a class added by addBaml) is
// listed below with its reason; the list is a ratchet both ways.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Program } from '../../src/ir/types.js';
import { buildRequest } from '../../src/runtime/llm/index.js';
import { parseFinal, parsePartial } from '../../src/runtime/parse/index.js';
import type { FieldType } from '../../src/runtime/type-builder/index.js';
import { programWithTypeBuilder } from '../../src/runtime/type-builder/type-builder.js';
import { TypeBuilder } from '../../src/type-builder/index.js';
import { compareOutcome } from '../parse/support/compare.js';
import { compileConformanceCase, completeBamlSource } from '../support/conformance-cases.js';

/** Paths that differ from BAML on purpose (docs/differences.md, "Dynamic types"). */
const DIFFERENCES: Record<string, string> = {
  'add-baml-stream-done#parse_stream':
    'BAML ignores @@stream.done on a class added by addBaml; tsbaml honours it',
};

type TypeSpec =
  | string
  | { literal: string | number | boolean }
  | { list: TypeSpec; via?: 'type' }
  | { optional: TypeSpec }
  | { map: [TypeSpec, TypeSpec] }
  | { union: TypeSpec[] }
  | { class: string }
  | { enum: string };

type Op = Record<string, any> & { op: string };

/** A TypeBuilder with `tb.<Name>` for every class and enum, as the generated one has. */
class CaseBuilder extends TypeBuilder {
  readonly holders = new Map<string, any>();
  constructor(program: Program) {
    super(program);
    for (const def of Object.values(program.classes))
      this.holders.set(
        def.name,
        def.dynamic ? this.classBuilder(def.name) : this.classViewer(def.name),
      );
    for (const def of Object.values(program.enums))
      this.holders.set(
        def.name,
        def.dynamic ? this.enumBuilder(def.name) : this.enumViewer(def.name),
      );
  }
}

/** The runner's table of operations (shared/conformance/README.md, "Dynamic types"). */
function applyOps(tb: CaseBuilder, ops: Op[]): void {
  const holder = (name: string) => tb.holders.get(name);
  const type = (spec: TypeSpec): FieldType => {
    if (typeof spec === 'string') return (tb as any)[spec]();
    if ('literal' in spec) {
      const v = spec.literal;
      return typeof v === 'string'
        ? tb.literalString(v)
        : typeof v === 'number'
          ? tb.literalInt(v)
          : tb.literalBool(v);
    }
    if ('list' in spec)
      return spec.via === 'type' ? type(spec.list).list() : tb.list(type(spec.list));
    if ('optional' in spec) return type(spec.optional).optional();
    if ('map' in spec) return tb.map(type(spec.map[0]), type(spec.map[1]));
    if ('union' in spec) return tb.union(spec.union.map(type));
    return holder('class' in spec ? spec.class : spec.enum).type();
  };
  const named = (builder: any, op: Op) => {
    if (op.type !== undefined && op.op === 'property') builder.setType(type(op.type));
    if (op.description !== undefined) builder.description(op.description);
    if (op.alias !== undefined) builder.alias(op.alias);
    if (op.skip !== undefined) builder.skip(op.skip);
  };
  for (const op of ops) {
    switch (op.op) {
      case 'addClass':
        tb.holders.set(op.name, tb.addClass(op.name));
        break;
      case 'addEnum':
        tb.holders.set(op.name, tb.addEnum(op.name));
        break;
      case 'addProperty':
        named(holder(op.class).addProperty(op.name, type(op.type)), op);
        break;
      case 'property':
        named(holder(op.class).property(op.name), op);
        break;
      case 'removeProperty':
        holder(op.class).removeProperty(op.name);
        break;
      case 'addValue':
        named(holder(op.enum).addValue(op.value), op);
        break;
      case 'value':
        named(holder(op.enum).value(op.value), op);
        break;
      case 'addBaml':
        tb.addBaml(Array.isArray(op.baml) ? op.baml.join('\n') : op.baml);
        break;
      default:
        throw new Error(`unknown op ${op.op}`);
    }
  }
}

const dir = new URL('./cases/', import.meta.url);
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')));

describe.each(cases.map((c) => [c.name as string, c] as const))('dynamic-types/%s', (name, c) => {
  const base = compileConformanceCase({ id: name, source: completeBamlSource(c.baml.join('\n')) });
  const target = base.functions[c.function]!.returnType;
  const text = (c.chunks as string[]).join('');
  let program: Program | undefined;
  let opsError: unknown;
  try {
    const tb = new CaseBuilder(base);
    applyOps(tb, c.type_builder);
    program = programWithTypeBuilder(base, tb);
  } catch (error) {
    opsError = error;
  }

  it('parse and parse_stream', () => {
    const withTb = (fn: (p: Program) => unknown) => () => {
      if (!program) throw opsError;
      return fn(program);
    };
    expect(
      compareOutcome(
        c.expected.parse,
        withTb((p) => parseFinal(p, target, text)),
      ),
    ).toBeNull();
    const diffs: string[] = [];
    const empty = compareOutcome(
      c.expected.parse_stream_empty,
      withTb((p) => parsePartial(p, target, '')),
    );
    if (empty) diffs.push(`parse_stream(""): ${empty}`);
    c.expected.parse_stream.forEach((expected: unknown, i: number) => {
      const prefix = c.chunks.slice(0, i + 1).join('');
      const d = compareOutcome(
        expected,
        withTb((p) => parsePartial(p, target, prefix)),
      );
      if (d) diffs.push(`parse_stream[${i}]: ${d}`);
    });
    const difference = DIFFERENCES[`${name}#parse_stream`];
    if (difference) expect(diffs.length, difference).toBeGreaterThan(0);
    else expect(diffs).toEqual([]);
  });

  it('the streaming request (the rendered prompt)', async () => {
    const expected = c.expected.stream_request;
    if (!program) {
      expect(
        compareOutcome(expected, () => {
          throw opsError;
        }),
      ).toBeNull();
      return;
    }
    const request = await buildRequest(
      {
        program,
        functionName: c.function,
        clientName: program.functions[c.function]!.client,
        env: { ORACLE_BASE_URL: 'http://127.0.0.1:PORT/v1' },
        args: c.args,
      },
      undefined,
      { stream: true },
    );
    expect(request.body.json()).toEqual(expected.body);
  });
});
