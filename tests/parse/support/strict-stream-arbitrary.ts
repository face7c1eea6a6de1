// fast-check generators for the strict-JSON streaming path's differential test: top-level
// targets (mostly classes and lists in the subset that path reads: classes, lists, maps, string,
// int, float, bool, enum, optional; sometimes any schema), string values that hit the general path's
// streaming quirks, and answers as an LLM writes them (pretty or compact JSON, escapes, a changed
// document, prose or a fence around it, text after it, cut anywhere) in random chunks.
import fc from 'fast-check';
import {
  docArb,
  type FieldSpec,
  mutatedArb,
  type Spec,
  specArb,
  writeDoc,
} from './schema-arbitrary.js';
import { pushes, type StreamOp, sizedChunks, writesThenCurrent } from './strict-stream.js';

/** A value one time in three, else undefined. */
function sometimes<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

const enumArb: fc.Arbitrary<Spec> = fc
  .uniqueArray(
    fc.record({
      name: fc.constantFrom('RED', 'GREEN', 'BLUE', 'K_1'),
      alias: sometimes(fc.constantFrom('rouge', 'vert:', 'Blue sky')),
    }),
    { selector: (v) => v.name, minLength: 1, maxLength: 3 },
  )
  .map((values): Spec => ({ k: 'enum', values }));

/** A class whose field types come from `type` (names f0, f1, …; aliases unique). */
function classArb(type: fc.Arbitrary<Spec>, minLength: number): fc.Arbitrary<Spec> {
  return fc
    .array(
      fc.record({
        alias: sometimes(fc.constantFrom('alpha', 'k:v', 'x y', 'élan', 'Camel')),
        optional: fc.boolean(),
        type,
      }),
      { minLength, maxLength: 4 },
    )
    .map(
      (fields): Spec => ({
        k: 'class',
        fields: fields.map(
          (f, i): FieldSpec => ({
            ...f,
            name: `f${i}`,
            alias: f.alias === undefined ? undefined : `${f.alias}${i}`,
          }),
        ),
      }),
    );
}

/** Schemas in the strict streaming path's subset (`opt` never wraps `opt`). */
export const simpleSpecArb: fc.Arbitrary<Spec> = fc.letrec<{ spec: Spec; single: Spec }>((tie) => ({
  spec: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    tie('single'),
    tie('single').chain((inner) =>
      fc.boolean().map((nullFirst): Spec => ({ k: 'opt', inner, nullFirst })),
    ),
  ),
  single: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    fc.constantFrom<Spec>({ k: 'string' }, { k: 'int' }, { k: 'float' }, { k: 'bool' }),
    enumArb,
    classArb(tie('spec'), 0),
    tie('spec').map((item): Spec => ({ k: 'list', item })),
    tie('spec').map((value): Spec => ({ k: 'map', value })),
  ),
})).spec;

/** Top-level targets: mostly a class or a list (where the strict path applies), else anything. */
export const topSpecArb: fc.Arbitrary<Spec> = fc.oneof(
  { weight: 4, arbitrary: classArb(simpleSpecArb, 1) },
  { weight: 3, arbitrary: simpleSpecArb.map((item): Spec => ({ k: 'list', item })) },
  { weight: 1, arbitrary: classArb(specArb, 1) },
  { weight: 1, arbitrary: simpleSpecArb },
  { weight: 1, arbitrary: specArb },
);

/** Pieces of string values: quotes next to commas, backslash runs, escapes, `:` and `,`, … */
const pieces = [
  '"',
  '",',
  'say "hi", ok',
  'a\\"b',
  'a\\\\"b',
  '\\',
  '\\\\',
  '\\u00e9',
  'é',
  '\u00e9',
  '😀',
  ':',
  ',',
  'k: v, w',
  '{"x":1}',
  '[1,2]',
  '}',
  ']',
  '\n',
  '\r\n',
  '\t',
  ' ',
  'true',
  '12',
  'null',
  '```json',
  'plain',
];

/** String values for documents: random, or a few quirk-hitting pieces glued together. */
export const streamStringArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 3 }).map((p) => p.join('')),
);

/** How the document sits in the answer. */
const wrappers: ((doc: string) => string)[] = [
  (d) => d,
  (d) => d,
  (d) => `\n${d}`,
  (d) => `  \n\n${d}\n`,
  (d) => `Here is the answer:\n${d}`,
  (d) => `Sure! ${d}`,
  (d) => `\`\`\`json\n${d}\n\`\`\``,
  (d) => `Result:\n\`\`\`json\n${d}\n\`\`\`\nDone.`,
  (d) => `${d}\n\nLet me know if you need more.`,
  (d) => `${d}\n{"other": 1}`,
  (d) => `${d} trailing`,
];

export interface StreamCase {
  text: string;
  ops: StreamOp[];
}

/** An answer for `spec` and the calls that feed it (pushes, or writes with current() now and then). */
export function streamCaseArb(spec: Spec): fc.Arbitrary<StreamCase> {
  const doc = docArb(spec, streamStringArb);
  return fc
    .record({
      doc: fc.oneof({ weight: 3, arbitrary: doc }, { weight: 1, arbitrary: doc.chain(mutatedArb) }),
      indent: fc.constantFrom('  ', '\t', '', ''),
      escapeAll: fc.boolean(),
      wrap: fc.nat({ max: wrappers.length - 1 }),
      cut: sometimes(fc.nat()),
      sizes: fc.oneof(
        fc.array(fc.integer({ min: 1, max: 16 }), { minLength: 1, maxLength: 6 }),
        fc.constant([1]),
      ),
      every: sometimes(fc.integer({ min: 1, max: 4 })),
    })
    .map(({ doc, indent, escapeAll, wrap, cut, sizes, every }) => {
      let text = (wrappers[wrap] as (d: string) => string)(writeDoc(doc, indent, escapeAll));
      if (cut !== undefined) text = text.slice(0, cut % (text.length + 1));
      const chunks = sizedChunks(text, sizes);
      return { text, ops: every === undefined ? pushes(chunks) : writesThenCurrent(chunks, every) };
    });
}
