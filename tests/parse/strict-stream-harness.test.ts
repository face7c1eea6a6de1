// The differential harness of the strict streaming path (support/strict-stream.ts) itself: it
// passes two identical parsers, and it reports, with where it happened, each kind of difference
// the strict path could make (a missed or extra UNCHANGED, another value, key order, -0, a
// prototype, a rebuilt subtree, the finish value or partial, an error), so the differential tests cannot pass
// vacuously. Also the chunking helpers.
import { describe, expect, it } from 'vitest';
import { createStreamParser, type StreamParser, UNCHANGED } from '../../src/runtime/parse/index.js';
import { makeProgram, t } from './support/program.js';
import {
  charChunks,
  compareStrictStream,
  compareStrictStreamOps,
  cutAt,
  type MakeParser,
  pushes,
  randomChunks,
  sizedChunks,
  writesThenCurrent,
} from './support/strict-stream.js';

const program = makeProgram({
  classes: [
    {
      name: 'C',
      fields: [
        { name: 'a', type: t.int },
        { name: 'b', type: t.string },
      ],
    },
  ],
});
const target = t.cls('C');
const text = '{"a": 1, "b": "xy"}';
const chunks = ['{"a": 1', ', "b": "x', 'y"}', '\n'];

/** A strict-side parser that is the general one with `change` applied to what it returns. */
function tampered(change: {
  step?: (v: unknown, i: number) => unknown;
  finish?: (run: () => { value: unknown; partial: unknown }) => {
    value: unknown;
    partial: unknown;
  };
}): MakeParser {
  return (p, ty, strict) => {
    const inner = createStreamParser(p, ty, { strictStream: false });
    if (!strict) return inner;
    let i = 0;
    const wrapped: StreamParser = {
      write: (c) => inner.write(c),
      current: () => (change.step ?? ((v) => v))(inner.current(), i++),
      push: (c) => (change.step ?? ((v) => v))(inner.push(c), i++),
      finish: () => (change.finish ?? ((run) => run()))(() => inner.finish()),
      get text() {
        return inner.text;
      },
    };
    return wrapped;
  };
}

const at =
  (k: number, f: (v: unknown) => unknown) =>
  (v: unknown, i: number): unknown =>
    i === k ? f(v) : v;

describe('strict stream harness', () => {
  it('finds no difference between the general path and itself', () => {
    const r = compareStrictStream(program, target, chunks);
    expect(r.diff).toBeNull();
    expect(typeof r.fastTaken).toBe('boolean');
  });

  it.each([
    [
      'a missed partial',
      at(1, () => UNCHANGED),
      /step 2 of 4: push\(", \\"b\\": \\"x"\).*strict path UNCHANGED/s,
    ],
    ['an extra partial', at(3, () => ({ a: 1, b: 'xy' })), /step 4 of 4.*general path UNCHANGED/s],
    ['another value', at(1, (v) => ({ ...(v as object), b: 'z' })), /\$\.b: "z" vs "x"/],
    ['key order', at(1, (v) => ({ b: (v as { b: unknown }).b, a: 1 })), /\$: keys/],
    ['-0', at(1, (v) => ({ ...(v as object), a: -0 })), /\$\.a: -0 vs 1/],
    ['a prototype', at(0, (v) => Object.assign(Object.create(null), v)), /prototypes differ/],
    [
      'a throw',
      at(1, () => {
        throw new TypeError('boom');
      }),
      /only the strict path threw: TypeError: boom/,
    ],
  ])('reports %s at the step where it happens', (_name, step, message) => {
    const r = compareStrictStreamOps(program, target, pushes(chunks), tampered({ step }));
    expect(r.diff).toMatch(message);
    expect(r.diff).toMatch(/text so far/);
  });

  it('reports a different finish() value or partial', () => {
    const value = tampered({ finish: (run) => ({ ...run(), value: { a: 2, b: 'xy' } }) });
    expect(compareStrictStreamOps(program, target, pushes(chunks), value).diff).toMatch(
      /finish\(\).*value \$\.a: 2 vs 1/s,
    );
    const partial = tampered({ finish: (run) => ({ ...run(), partial: { a: 1, b: 'xy' } }) });
    expect(compareStrictStreamOps(program, target, pushes(chunks), partial).diff).toMatch(
      /finish\(\).*partial strict path \{"a":1,"b":"xy"\}, general path UNCHANGED/s,
    );
  });

  it('compares finish() errors by class and message', () => {
    const bad = ['{"a": "not a number"'];
    expect(compareStrictStream(program, target, bad).diff).toBeNull();
    const other = tampered({
      finish: () => {
        throw new Error('another message');
      },
    });
    expect(compareStrictStreamOps(program, target, pushes(bad), other).diff).toMatch(
      /errors differ:\n {2}strict path: Error: another message\n {2}general: {5}BamlValidationError/,
    );
  });

  it('reports a subtree rebuilt on one side and kept on the other', () => {
    const list = t.list(target);
    const items = ['[{"a": 1, "b": "x"}', ', {"a": 2', ', "b": "y"}]'];
    expect(compareStrictStream(program, list, items).diff).toBeNull();
    const copyFirst = (v: unknown) => {
      const [first, ...rest] = v as object[];
      return [{ ...first }, ...rest];
    };
    expect(
      compareStrictStreamOps(program, list, pushes(items), tampered({ step: at(2, copyFirst) }))
        .diff,
    ).toMatch(/step 3 of 3.*\$\[0\]: rebuilt on the strict path, kept on the general path/s);
    const copyAtFinish = tampered({
      finish: (run) => {
        const r = run();
        return { ...r, partial: r.partial === UNCHANGED ? r.partial : copyFirst(r.partial) };
      },
    });
    const open = ['[{"a": 1, "b": "x"}', ', {"a": 2'];
    expect(compareStrictStreamOps(program, list, pushes(open), copyAtFinish).diff).toMatch(
      /finish\(\).*\$\[0\]: rebuilt on the strict path/s,
    );
  });

  it('runs write() and current() on both parsers', () => {
    const ops = writesThenCurrent(charChunks(text), 3);
    expect(ops.filter((o) => o.op === 'current').length).toBeGreaterThan(5);
    expect(compareStrictStreamOps(program, target, ops).diff).toBeNull();
    // the second current() in a row is UNCHANGED on the general side: a value there is reported
    const twice = ops.findIndex((o, i) => o.op === 'current' && ops[i - 1]?.op === 'current');
    expect(twice).toBeGreaterThan(0);
    const step = (v: unknown, i: number) => (v === UNCHANGED && i > 3 ? { a: 1 } : v);
    expect(compareStrictStreamOps(program, target, ops, tampered({ step })).diff).toMatch(
      /current\(\).*general path UNCHANGED/s,
    );
  });
});

describe('chunkings', () => {
  const s = 'a😀bcdef';
  it('never cut inside a surrogate pair, and join back to the text', () => {
    expect(charChunks(s)).toEqual(['a', '😀', 'b', 'c', 'd', 'e', 'f']);
    expect(cutAt(s, [2])).toEqual(['a😀', 'bcdef']);
    expect(cutAt(s, [1, 1, 5])).toEqual(['a', '😀bc', 'def']);
    expect(sizedChunks(s, [2, 1])).toEqual(['a😀', 'b', 'cd', 'e', 'f']);
    for (const seed of [1, 2, 3]) {
      const r = randomChunks(s.repeat(20), seed);
      expect(r.join('')).toBe(s.repeat(20));
      expect(r.every((c) => c.length >= 1 && c.length <= 17)).toBe(true);
      expect(randomChunks(s.repeat(20), seed)).toEqual(r);
    }
    expect(cutAt('', [])).toEqual(['']);
  });
});
