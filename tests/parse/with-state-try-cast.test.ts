// `@stream.with_state` of a class field whose object is still open (BAML 0.226.2 rules).
//
// BAML first tries a strict cast of the whole object (try_cast). When it succeeds, a nullable class
// field that matched exactly carries no Incomplete mark of its own, so it reads Complete even
// though its object is not closed; its fields keep their own states. The strict cast of a
// streamed class fails when a list or map field is missing or still open, or a key is not a field.
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
    { name: 'Wrap', fields: [{ name: 'meta', type: withState(t.cls('Meta')) }] },
    { name: 'Outer', fields: [{ name: 'wrap', type: t.cls('Wrap') }] },
  ],
});

const metaOf = (text: string) =>
  (parsePartial(program, t.cls('Doc'), text) as { meta: unknown }).meta;

describe('with_state of an open class field', () => {
  it('is Complete when the whole object casts strictly and the class matched exactly', () => {
    expect(metaOf('{"tags": ["x"], "meta": {"source": "s", "score": 1')).toEqual({
      state: 'Complete',
      value: { source: 's', score: null },
    });
  });

  it('is Incomplete while a field of the class is missing', () => {
    expect(metaOf('{"tags": ["x"], "meta": {"source": "s", "score": ')).toEqual({
      state: 'Incomplete',
      value: { source: 's', score: null },
    });
  });

  it('is Incomplete when the strict cast fails: a list field missing, a key not a field', () => {
    const incomplete = { state: 'Incomplete', value: { source: 's', score: null } };
    expect(metaOf('{"meta": {"source": "s", "score": 1')).toEqual(incomplete);
    expect(metaOf('{"other": 1, "tags": ["x"], "meta": {"source": "s", "score": 1')).toEqual(
      incomplete,
    );
  });

  it('inside a class that casts strictly, an exactly matched class field is Complete', () => {
    // `wrap` is cast strictly on its own (it is a field), so `meta` inside it is Complete even
    // though the outer object could not be cast strictly (a key that is not a field).
    const out = parsePartial(
      program,
      t.cls('Outer'),
      '{"x": 1, "wrap": {"meta": {"source": "s", "score": 1',
    ) as { wrap: { meta: unknown } };
    expect(out.wrap.meta).toEqual({ state: 'Complete', value: { source: 's', score: null } });
  });
});
