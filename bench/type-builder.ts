// Dynamic types (issue 13). A type builder is applied to the program once per change of the
// builder: the program's records are copied shallowly and only the added fields get their
// streaming flags. Figures:
// - per-call overhead of a 20-field type builder: the application for a call with an unchanged
//   builder (cached), the first call after a change (20 fields annotated), and a new builder
//   built and applied per request (what a server that makes one per request pays), beside a
//   call without one; and `b.parse`'s cost for the same 20-field answer, for scale;
// - streaming a 100 KB list of 20-field objects, a partial after every 8-character chunk, with
//   the fields added by a type builder against the same schema declared statically (target:
//   within 10%).
import { compile } from '../src/compiler/index.js';
import type { Program, Type } from '../src/ir/types.js';
import { createStreamParser, parseFinal } from '../src/runtime/parse/index.js';
import { programWithTypeBuilder } from '../src/runtime/type-builder/type-builder.js';
import { TypeBuilder } from '../src/type-builder/index.js';
import { batchedCpuMs, bestCpuMs, chunksOf } from './lib/items.js';

const KINDS = ['string', 'int', 'float', 'bool', 'string[]'] as const;
const FIELDS = Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, kind: KINDS[i % 5]! }));

function programOf(text: string): Program {
  const { program } = compile([{ path: 'bench.baml', text }]);
  if (!program) throw new Error('bench schema does not compile');
  return program;
}

const STATIC = programOf(
  `class Row {\n  id int\n${FIELDS.map((f) => `  ${f.name} ${f.kind}\n`).join('')}  @@dynamic\n}\n`,
);
const BASE = programOf('class Row {\n  id int\n  @@dynamic\n}\n');

class RowBuilder extends TypeBuilder {
  readonly Row = this.classBuilder('Row');
  constructor() {
    super(BASE);
  }
}

/** A builder adding the 20 fields of the static schema. */
function twentyFields(): RowBuilder {
  const tb = new RowBuilder();
  for (const f of FIELDS) {
    const type =
      f.kind === 'string[]'
        ? tb.string().list()
        : f.kind === 'string'
          ? tb.string()
          : f.kind === 'int'
            ? tb.int()
            : f.kind === 'float'
              ? tb.float()
              : tb.bool();
    tb.Row.addProperty(f.name, type).description(`field ${f.name}`);
  }
  return tb;
}

function row(i: number): Record<string, unknown> {
  const value: Record<string, unknown> = { id: i };
  for (const [k, f] of FIELDS.entries()) {
    value[f.name] =
      f.kind === 'string'
        ? `text ${i}-${k}`
        : f.kind === 'int'
          ? i * k
          : f.kind === 'float'
            ? i / 7
            : f.kind === 'bool'
              ? i % 2 === 0
              : ['a', `t${i % 5}`];
  }
  return value;
}

function rowsText(bytes: number): string {
  const rows: unknown[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    rows.push(row(i));
    size += JSON.stringify(row(i), null, 2).length + 4;
  }
  return JSON.stringify(rows, null, 2);
}

function streamAll(program: Program, target: Type, chunks: string[]): void {
  const parser = createStreamParser(program, target);
  for (const chunk of chunks) parser.push(chunk);
  parser.finish();
}

const us = (ms: number): string => `${(ms * 1000).toFixed(2)} µs`;

/** Prints the type-builder figures. */
export default async function run(): Promise<void> {
  const tb = twentyFields();
  const dynamic = programWithTypeBuilder(BASE, tb);
  const N = 2000;

  const none = batchedCpuMs(5, N, () => programWithTypeBuilder(BASE, undefined));
  const cached = batchedCpuMs(5, N, () => programWithTypeBuilder(BASE, tb));
  let flip = false;
  const changed = batchedCpuMs(5, N, () => {
    flip = !flip;
    tb.Row.property('f0').description(flip ? 'a' : 'b');
    programWithTypeBuilder(BASE, tb);
  });
  const perRequest = batchedCpuMs(5, N / 4, () => programWithTypeBuilder(BASE, twentyFields()));
  const answer = JSON.stringify(row(3));
  const target: Type = { kind: 'class', name: 'Row' };
  const parse = batchedCpuMs(5, N / 4, () => parseFinal(dynamic, target, answer));
  console.log('per-call overhead of a 20-field type builder (CPU per call, best of 5 batches):');
  console.log(`  no type builder                    ${us(none)}`);
  console.log(`  same builder again (cached)        ${us(cached)}`);
  console.log(`  first call after a change          ${us(changed)}`);
  console.log(`  new builder per request (build+apply) ${us(perRequest)}`);
  console.log(`  for scale: b.parse of one 20-field answer ${us(parse)}`);

  const text = rowsText(100_000);
  const chunks = chunksOf(text, 8);
  const list: Type = { kind: 'list', item: target };
  // Alternating, so that warm-up and the machine's load fall on both alike.
  let staticMs = Number.POSITIVE_INFINITY;
  let dynamicMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 7; i++) {
    staticMs = Math.min(
      staticMs,
      bestCpuMs(1, () => streamAll(STATIC, list, chunks)),
    );
    dynamicMs = Math.min(
      dynamicMs,
      bestCpuMs(1, () => streamAll(dynamic, list, chunks)),
    );
  }
  console.log(
    `streaming 100 KB of 20-field rows, a partial per 8-char chunk (best of 7): static ${staticMs.toFixed(1)} ms, dynamic ${dynamicMs.toFixed(1)} ms (${((dynamicMs / staticMs - 1) * 100).toFixed(1)}%; target within 10%)`,
  );
}
