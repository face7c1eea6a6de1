// The streaming flags of spec §4.2, per type occurrence.
import { describe, expect, it } from 'vitest';
import { annotateStreamFlags, streamFlagsOf } from '../../src/ir/stream-flags.js';
import type { Type } from '../../src/ir/types.js';
import { makeProgram, t } from './support/program.js';

const program = makeProgram({
  classes: [
    { name: 'Step', fields: [{ name: 'n', type: t.int }], streamDone: true },
    { name: 'Plan', fields: [{ name: 'steps', type: t.list(t.cls('Step')) }] },
  ],
  enums: [{ name: 'Role', values: [{ name: 'A' }] }],
  aliases: [
    { name: 'Score', type: t.int, recursive: false },
    {
      name: 'Json',
      type: t.union(t.int, t.string, t.list({ kind: 'alias', name: 'Json' })),
      recursive: true,
    },
  ],
});

describe('stream flags', () => {
  it.each([
    ['int', t.int, { needed: false, done: true, state: false }],
    ['string', t.string, { needed: false, done: false, state: false }],
    ['null', t.null, { needed: false, done: false, state: false }],
    ['enum', t.enm('Role'), { needed: false, done: true, state: false }],
    ['literal', t.lit('x'), { needed: false, done: true, state: false }],
    ['list', t.list(t.int), { needed: true, done: false, state: false }],
    ['map', t.map(t.string, t.int), { needed: true, done: false, state: false }],
    ['@@stream.done class', t.cls('Step'), { needed: false, done: true, state: false }],
    ['plain class', t.cls('Plan'), { needed: false, done: false, state: false }],
    ['int | float', t.union(t.int, t.float), { needed: false, done: true, state: false }],
    ['int | string', t.union(t.int, t.string), { needed: false, done: false, state: false }],
    [
      'non-recursive alias',
      { kind: 'alias', name: 'Score' } as Type,
      { needed: false, done: true, state: false },
    ],
    [
      'recursive alias',
      { kind: 'alias', name: 'Json' } as Type,
      { needed: false, done: false, state: false },
    ],
    [
      'string @stream.done @stream.not_null @stream.with_state',
      {
        kind: 'primitive',
        name: 'string',
        attrs: { streamDone: true, streamNotNull: true, streamWithState: true },
      } as Type,
      { needed: true, done: true, state: true },
    ],
  ])('%s', (_name, type, expected) => {
    expect(streamFlagsOf(program, type)).toEqual(expected);
  });

  it('annotates every occurrence without touching the input', () => {
    const annotated = annotateStreamFlags(program);
    expect(annotated.classes.Plan?.fields[0]?.type.stream).toEqual({
      needed: true,
      done: false,
      state: false,
    });
    expect(program.classes.Plan?.fields[0]?.type.stream).toBeUndefined();
    const json = annotated.typeAliases.Json?.type;
    expect(json?.kind === 'union' && json.variants[0]?.stream?.done).toBe(false);
  });
});
