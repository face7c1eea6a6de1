// Partials of an answer that opens a code fence and has not closed it (BAML 0.226.2 rules).
import { describe, expect, it } from 'vitest';
import { parsePartial } from '../../src/runtime/parse/index.js';
import { makeProgram, t } from './support/program.js';

const program = makeProgram({
  classes: [
    { name: 'Named', fields: [{ name: 'name', type: t.string }] },
    {
      name: 'NameAge',
      fields: [
        { name: 'name', type: t.string },
        { name: 'age', type: t.int },
      ],
    },
  ],
  enums: [{ name: 'Category', values: [{ name: 'ONE' }, { name: 'TWO' }] }],
});

const outcome = (type: Parameters<typeof parsePartial>[1], text: string): unknown => {
  try {
    return parsePartial(program, type, text);
  } catch (e) {
    return { error: (e as Error).message.includes('IncompleteDoneValue') ? 'not done' : 'failed' };
  }
};

describe('unclosed code fence', () => {
  it('reads the whole answer as a backtick string too: a one-field class takes it and fails', () => {
    // The block `{` gives an object with no fields; the whole answer read as a ``` string gives
    // "{", which a one-field class takes as its field (an object inferred from a string fails).
    expect(outcome(t.cls('Named'), '```json\n{')).toEqual({ error: 'failed' });
    expect(outcome(t.cls('Named'), '```json\n{"name"')).toEqual({ error: 'failed' });
    expect(outcome(t.cls('Named'), '```json\n{"name": "Bo"')).toEqual({ name: 'Bo' });
  });

  it('a class with several fields cannot take a string, so the block wins', () => {
    expect(outcome(t.cls('NameAge'), '```json\n{')).toEqual({ name: null, age: null });
  });

  it('two backticks at the end do not close a backtick string', () => {
    // The block `null\n``` does not parse; the answer as a ``` string is still open, so an
    // optional enum read from it is not done yet.
    expect(outcome(t.optional(t.enm('Category')), '```json\nnull\n``')).toEqual({
      error: 'not done',
    });
    expect(outcome(t.optional(t.enm('Category')), '```json\nnull\n```')).toEqual({
      error: 'not done',
    });
  });
});
