// The generated code must compile under `tsc --strict --noUncheckedIndexedAccess` (plus
// verbatimModuleSyntax/isolatedModules, which many user projects turn on) for every sample and
// every conformance program, and its types must be exactly those of spec §4.2: the assertion
// file below pins each row of the partial-type table and each error class export.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { conformanceCases } from '../support/conformance-cases.js';
import { generateFrom, tscErrors } from './support.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const out = join(here, '_output', 'typecheck');

/** Each distinct conformance source once, keyed `category-name`. */
function conformancePrograms(): Map<string, string> {
  const programs = new Map<string, string>();
  const seen = new Set<string>();
  for (const c of conformanceCases()) {
    if (seen.has(c.source)) continue;
    seen.add(c.source);
    programs.set(`${c.category}-${c.name}`, c.source);
  }
  return programs;
}

// Static assertions on the stream-attributes sample (spec §4.2's table, row by row).
const ASSERTIONS = `
import type { partial_types, StreamState } from './stream-attributes/baml_client/index.js'
import * as client from './stream-attributes/baml_client/index.js'
import type * as types from './stream-attributes/baml_client/types.js'
import type { BamlStream } from 'tsbaml'

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
const assert = <T extends true>(): T | undefined => undefined
type P = partial_types.Row
type F = types.Row
type Field<T, K extends keyof T> = T[K]
type IsOptional<T, K extends keyof T> = {} extends Pick<T, K> ? true : false

assert<Equals<Field<F, 's'>, string>>()
assert<Equals<Field<P, 's'>, string | null | undefined>>()
assert<IsOptional<P, 's'>>()
assert<Equals<Field<P, 'i'>, number | null | undefined>>()
assert<Equals<Field<P, 'f'>, number | null | undefined>>()
assert<Equals<Field<P, 'b'>, boolean | null | undefined>>()
assert<Equals<Field<P, 'e'>, types.Color | null | undefined>>()
assert<Equals<Field<P, 'lit'>, 'x' | 'y' | null | undefined>>()
assert<Equals<Field<F, 'opt_s'>, string | null | undefined>>()
assert<Equals<Field<P, 'opt_s'>, string | null | undefined>>()
assert<Equals<Field<P, 'inner'>, partial_types.Inner | null | undefined>>()
assert<Equals<Field<P, 'inner_nn'>, partial_types.Inner>>()
assert<Equals<Field<P, 'inner_done'>, types.Inner | null | undefined>>()
assert<Equals<Field<P, 'inner_state'>, StreamState<partial_types.Inner | null>>>()
assert<Equals<Field<P, 'done_nn'>, string>>()
assert<Equals<Field<P, 'list_s'>, string[]>>()
assert<Equals<Field<P, 'list_inner'>, partial_types.Inner[]>>()
assert<Equals<Field<P, 'list_done'>, types.Inner[]>>()
assert<Equals<Field<P, 'm'>, Record<string, partial_types.Inner>>>()
assert<Equals<Field<F, 'm'>, Record<string, types.Inner>>>()
assert<Equals<Field<P, 'u'>, partial_types.Inner | string | null | undefined>>()
assert<Equals<Field<P, 'u_num'>, number | null | undefined>>()
assert<Equals<Field<F, 'checked'>, types.Checked<number, 'pos'>>>()
assert<Equals<Field<P, 'checked'>, types.Checked<number, 'pos'> | null | undefined>>()
assert<Equals<partial_types.DoneBlock, { a: string }>>()
assert<Equals<Field<F, 'recur'>, types.Recur>>()
assert<Equals<partial_types.Recur, partial_types.Recur[] | number | null>>()
assert<Equals<StreamState<1>['state'], 'Pending' | 'Incomplete' | 'Complete'>>()

// Function-level stream types.
assert<Equals<ReturnType<typeof client.b.stream.GetRow>, BamlStream<partial_types.Row, types.Row>>>()
assert<Equals<ReturnType<typeof client.b.stream.GetColor>, BamlStream<types.Color, types.Color>>>()
assert<Equals<ReturnType<typeof client.b.stream.GetText>, BamlStream<string, string>>>()
assert<Equals<ReturnType<typeof client.b.stream.GetBlock>, BamlStream<types.DoneBlock, types.DoneBlock>>>()
assert<Equals<ReturnType<typeof client.b.stream.GetMaybe>, BamlStream<partial_types.Inner | null, types.Inner | null>>>()
assert<Equals<ReturnType<typeof client.b.GetRow>, Promise<types.Row>>>()
assert<Equals<ReturnType<typeof client.b.parse.GetRow>, types.Row>>()
assert<Equals<ReturnType<typeof client.b.parseStream.GetRow>, partial_types.Row>>()
assert<Equals<Parameters<typeof client.b.GetMaybe>[1], number | null | undefined>>()

// Error classes re-exported by the client, with BAML's fields.
const errors = [
  client.BamlValidationError, client.BamlClientHttpError, client.BamlClientFinishReasonError,
  client.BamlAbortError, client.BamlTimeoutError, client.BamlInvalidArgumentError, client.BamlClientError,
  client.BamlError,
] as const
void errors
declare const v: client.BamlValidationError
assert<Equals<typeof v.raw_output, string>>()
assert<Equals<typeof v.prompt, string>>()
declare const h: client.BamlClientHttpError
assert<Equals<typeof h.status_code, number>>()
assert<Equals<typeof h.client_name, string>>()
declare const fr: client.BamlClientFinishReasonError
assert<Equals<typeof fr.finish_reason, string | undefined>>()
assert<Equals<typeof fr.raw_output, string>>()
declare const ab: client.BamlAbortError
assert<Equals<typeof ab.reason, unknown>>()
assert<Equals<ReturnType<typeof client.isBamlError>, boolean>>()
assert<Equals<ReturnType<typeof client.toBamlError>, client.BamlError>>()
`;

// Static assertions on the dynamic sample: a builder exactly for each \`@@dynamic\` type, a
// read-only viewer for the others.
const TYPE_BUILDER_ASSERTIONS = `
import TypeBuilder, { TypeBuilder as Named, type FieldType } from './dynamic/baml_client/type_builder.js'
import { b } from './dynamic/baml_client/index.js'
import * as client from './dynamic/baml_client/index.js'

const tb: Named = new TypeBuilder()
const age: FieldType = tb.int()
// @ts-expect-error as in BAML, the client's index does not export the TypeBuilder
client.TypeBuilder
tb.Person.addProperty('height', tb.float()).description('in metres').alias('h')
tb.Person.property('name').description('full name')
tb.Person.removeProperty('age')
tb.Empty.addProperty('fixed', tb.Fixed.type().optional())
tb.Empty.addProperty('age', age)
tb.Category.addValue('TRAVEL').alias('trip').description('going places').skip(false)
tb.Category.value('FOOD').skip()
const pet = tb.addClass('Pet')
pet.addProperty('kind', tb.union([tb.literalString('cat'), tb.literalString('dog')]))
pet.addProperty('legs', tb.int().list())
pet.addProperty('tags', tb.map(tb.string(), tb.Size.type()))
tb.addEnum('Mood').addValue('HAPPY')
tb.addBaml('class Toy {\\n  name string\\n}')
tb.Fixed.listProperties()
tb.Size.listValues()
void b.GetPerson('x', { tb })
void b.withOptions({ tb }).parse.GetPerson('{}', { tb })

// @ts-expect-error a class without @@dynamic has no addProperty
tb.Fixed.addProperty('b', tb.int())
// @ts-expect-error an enum without @@dynamic has no addValue
tb.Size.addValue('MEDIUM')
// @ts-expect-error functions are not types
tb.GetPerson
// @ts-expect-error addProperty takes a type from the builder
tb.Person.addProperty('x', 'string')
`;

it('generated clients compile under strict TypeScript, with the types of spec §4.2', async () => {
  rmSync(out, { recursive: true, force: true });
  const programs = new Map<string, string>();
  const samples = join(here, 'samples');
  for (const name of readdirSync(samples))
    programs.set(name, readFileSync(join(samples, name, 'input.baml'), 'utf8'));
  for (const [name, text] of conformancePrograms()) programs.set(`conformance-${name}`, text);
  for (const [name, text] of programs) {
    for (const file of generateFrom(text)) {
      const path = join(out, name, 'baml_client', file.path);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, file.content);
    }
  }
  writeFileSync(join(out, 'assertions.ts'), ASSERTIONS);
  writeFileSync(join(out, 'type-builder-assertions.ts'), TYPE_BUILDER_ASSERTIONS);
  const runtime = relative(out, join(root, 'src', 'runtime', 'index.ts'));
  const typeBuilder = relative(out, join(root, 'src', 'type-builder', 'index.ts'));
  const options = {
    lib: ['ES2023', 'DOM'],
    types: [],
    paths: { tsbaml: [runtime], 'tsbaml/type-builder': [typeBuilder] },
  };
  expect(await tscErrors(root, out, options, ['**/*.ts'])).toBe('');
  expect(programs.size).toBeGreaterThan(10);
}, 120_000);
