// The strict-JSON fast path of the final parse (src/runtime/parse/coerce/strict-json-cast.ts):
// wherever it applies, it gives exactly the full path's value. Differential over every recorded
// conformance case and every stage-A fixture.
import { describe, expect, it } from 'vitest';
import type { Type } from '../../src/ir/types.js';
import { createStreamParser } from '../../src/runtime/parse/index.js';
import { FIXTURES } from '../parse-raw/corpus.js';
import { loadCases } from './support/cases.js';
import { fastVsFull, fullFinal, valueDiff } from './support/fast-path.js';
import { makeProgram, t } from './support/program.js';

describe('strict-JSON fast path: differential', () => {
  it('agrees with the full path on every conformance case (whole text and every prefix)', () => {
    let applied = 0;
    const diffs: string[] = [];
    for (const c of loadCases()) {
      const texts = new Set(c.chunks.map((_, i) => c.chunks.slice(0, i + 1).join('')));
      for (const text of texts) {
        const d = fastVsFull(c.program, c.target, text);
        if (d === undefined) continue;
        applied++;
        if (d !== null) diffs.push(`${c.id} ${JSON.stringify(text.slice(0, 60))}: ${d}`);
      }
    }
    expect(diffs).toEqual([]);
    expect(applied).toBeGreaterThan(20);
  });

  it('gives the stream parser the same final value and last partial on every case', () => {
    for (const c of loadCases()) {
      const text = c.chunks.join('');
      const full = fullFinal(c.program, c.target, text);
      const p = createStreamParser(c.program, c.target);
      let value: unknown;
      try {
        for (const chunk of c.chunks) p.push(chunk);
        value = p.finish().value;
      } catch {
        value = full; // the full path failed too (checked below)
        expect(full, c.id).toHaveProperty('error');
      }
      expect(valueDiff(value, full), c.id).toBeNull();
    }
  });

  it('agrees with the full path on every stage-A fixture, for several targets', () => {
    const program = makeProgram();
    const targets: Type[] = [
      t.int,
      t.float,
      t.bool,
      t.null,
      t.list(t.int),
      t.list(t.string),
      t.list(t.optional(t.float)),
      t.map(t.string, t.int),
      t.map(t.string, t.string),
      t.map(t.string, t.list(t.optional(t.string))),
      t.optional(t.int),
      t.optional(t.list(t.bool)),
      t.lit(12),
      t.lit(true),
    ];
    let applied = 0;
    const diffs: string[] = [];
    for (const [input] of FIXTURES) {
      for (const target of targets) {
        const d = fastVsFull(program, target, input);
        if (d === undefined) continue;
        applied++;
        if (d !== null) diffs.push(`${JSON.stringify(input)} as ${JSON.stringify(target)}: ${d}`);
      }
    }
    expect(diffs).toEqual([]);
    expect(applied).toBeGreaterThan(5);
  });
});
