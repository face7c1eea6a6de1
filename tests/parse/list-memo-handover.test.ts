// A new raw array at the place of a long list (the scanner's strict-JSON reading once the text
// is a whole document) takes over the old list's memo only when its frozen items have the
// same content; either way the partial is what a fresh coercion gives.
import { describe, expect, it } from 'vitest';
import { Coercer } from '../../src/runtime/parse/coerce/coercer.js';
import type { RawArray, RawValue } from '../../src/runtime/parse/raw/raw-value.js';
import { makeProgram, t } from './support/program.js';
import { fromJson } from './support/raw-builders.js';

const program = makeProgram();
const type = t.list(t.list(t.int));
const N = 40;

/** An open array of `n` complete items, each a list of ints. */
function openList(n: number, last: (i: number) => number = (i) => i): RawArray {
  const items: RawValue[] = [];
  for (let i = 0; i < n; i++) items.push(fromJson([i, last(i)]));
  return { kind: 'array', items, completion: 'incomplete', rev: 0 };
}

function fresh(raw: RawValue): unknown {
  const r = new Coercer(program, 'partial').coerceRoot(type, raw, '');
  if (!r.ok) throw new Error('no partial');
  return r.value;
}

describe('list memo handover between readings', () => {
  it('carries the frozen items over to an equal new reading (same objects)', () => {
    const c = new Coercer(program, 'partial');
    const a = c.coerceRoot(type, openList(N), '');
    const b = c.coerceRoot(type, openList(N + 1), '');
    if (!a.ok || !b.ok) throw new Error('no partial');
    const before = a.value as unknown[];
    const after = b.value as unknown[];
    expect(after).toEqual(fresh(openList(N + 1)));
    for (let i = 0; i < N - 1; i++) expect(after[i]).toBe(before[i]);
  });

  it('starts over when a frozen item reads differently', () => {
    const c = new Coercer(program, 'partial');
    c.coerceRoot(type, openList(N), '');
    const other = openList(N + 1, (i) => (i === 3 ? 99 : i));
    const b = c.coerceRoot(type, other, '');
    if (!b.ok) throw new Error('no partial');
    expect(b.value).toEqual(fresh(other));
    expect((b.value as number[][])[3]).toEqual([3, 99]);
  });

  it('keeps both readings right when they alternate', () => {
    const c = new Coercer(program, 'partial');
    const x = openList(N);
    const y = openList(N);
    for (let k = 0; k < 4; k++) {
      for (const raw of [x, y]) {
        raw.items.push(fromJson([raw.items.length, k]));
        const r = c.coerceRoot(type, raw, '');
        if (!r.ok) throw new Error('no partial');
        expect(r.value).toEqual(fresh(raw));
      }
    }
  });
});

describe('closing an open node in place', () => {
  it('keeps the output object of an object and of a list whose values did not change', () => {
    const point = makeProgram({
      classes: [
        {
          name: 'P',
          fields: [
            { name: 'x', type: t.int },
            { name: 'ys', type: t.list(t.int) },
          ],
        },
      ],
    } as Parameters<typeof makeProgram>[0]);
    const c = new Coercer(point, 'partial');
    const type = t.cls('P');
    const ys = fromJson([1, 2], true) as RawArray;
    const obj: RawValue = {
      kind: 'object',
      entries: [
        { key: 'x', value: fromJson(1) },
        { key: 'ys', value: ys },
      ],
      completion: 'incomplete',
      rev: 0,
    };
    const a = c.coerceRoot(type, obj, '');
    ys.completion = 'complete';
    obj.completion = 'complete';
    const b = c.coerceRoot(type, obj, '');
    if (!a.ok || !b.ok) throw new Error('no partial');
    expect(b.state).toBe('Complete');
    expect(b.value).toBe(a.value);
    expect((b.value as { ys: number[] }).ys).toEqual([1, 2]);
  });
});
