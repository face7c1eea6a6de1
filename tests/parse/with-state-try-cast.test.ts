// `@stream.with_state` of a class field whose object is still open: Incomplete until it closes.
//
// BAML 0.226.2 reports such a field Complete when its strict cast of the enclosing object
// succeeds and the class matched exactly (every field present); tsbaml does not, on purpose
// (docs/differences.md): `Complete` must mean the value will not change.
import { describe, expect, it } from 'vitest';
import type { Type } from '../../src/ir/types.js';
import { parsePartial } from '../../src/runtime/parse/index.js';
import { makeProgram, t } from './support/program.js';

const withState = (type: Type): Type => ({ ...type, attrs: { streamWithState: true } });

const program = makeProgram({
  classes: [
    {
      name: 'Meta',
      fields: [
        { name: 'source', type: t.string },
        { name: 'score', type: t.int },
      ],
    },
    {
      name: 'Doc',
      fields: [
        { name: 'title', type: withState(t.string) },
        { name: 'meta', type: withState(t.cls('Meta')) },
        { name: 'tags', type: t.list(t.string) },
        { name: 'rating', type: t.int },
      ],
    },
  ],
});

const metaOf = (text: string) =>
  (parsePartial(program, t.cls('Doc'), text) as { meta: unknown }).meta;

describe('with_state of an open class field', () => {
  it('is Incomplete while its object is open, even when every field of it is there', () => {
    // BAML 0.226.2 says Complete for the first two (the whole object casts strictly).
    const incomplete = { state: 'Incomplete', value: { source: 's', score: null } };
    expect(metaOf('{"tags": ["x"], "meta": {"source": "s", "score": 1')).toEqual(incomplete);
    expect(metaOf('{"tags": ["x"], "meta": {"source": "s", "score": ')).toEqual(incomplete);
    expect(metaOf('{"meta": {"source": "s", "score": 1')).toEqual(incomplete);
  });

  it('is Complete once its object is closed', () => {
    expect(metaOf('{"tags": ["x"], "meta": {"source": "s", "score": 1}')).toEqual({
      state: 'Complete',
      value: { source: 's', score: 1 },
    });
  });
});
