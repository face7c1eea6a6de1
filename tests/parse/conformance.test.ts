// Conformance with real BAML 0.226.2 for b.parse and b.parseStream, on every recorded case.
//
// A ratchet: cases that do not pass yet are listed in known-failures.json (id, path, reason).
// The test fails when an unlisted case fails, and also when a listed one passes (remove it from
// the list then). `UPDATE_KNOWN_FAILURES=1 npx vitest run tests/parse/conformance.test.ts`
// rewrites the list from the current results, keeping existing reasons.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFinal, parsePartial } from '../../src/runtime/parse/index.js';
import { loadCases } from './support/cases.js';
import { compareOutcome } from './support/compare.js';

interface KnownFailure {
  id: string;
  path: 'parse' | 'parse_stream';
  reason: string;
}

const KNOWN_FILE = fileURLToPath(new URL('./known-failures.json', import.meta.url));
const known: KnownFailure[] = JSON.parse(readFileSync(KNOWN_FILE, 'utf8'));
const keyOf = (f: { id: string; path: string }) => `${f.id}#${f.path}`;

describe('conformance with BAML 0.226.2 (parse, parse_stream)', () => {
  it('passes every case not listed in known-failures.json, and no listed one', () => {
    const failures = new Map<string, string>();
    let parseTotal = 0;
    let streamTotal = 0;
    for (const c of loadCases()) {
      const text = c.chunks.join('');
      if (c.expected.parse !== undefined) {
        parseTotal++;
        const d = compareOutcome(c.expected.parse, () => parseFinal(c.program, c.target, text));
        if (d) failures.set(`${c.id}#parse`, d);
      }
      if (c.expected.parse_stream) {
        streamTotal++;
        let d = compareOutcome(c.expected.parse_stream_empty, () =>
          parsePartial(c.program, c.target, ''),
        );
        if (d) d = `parse_stream(""): ${d}`;
        for (let i = 0; i < c.expected.parse_stream.length && !d; i++) {
          const prefix = c.chunks.slice(0, i + 1).join('');
          const di = compareOutcome(c.expected.parse_stream[i], () =>
            parsePartial(c.program, c.target, prefix),
          );
          if (di) d = `parse_stream[${i}] ${JSON.stringify(prefix.slice(-40))}: ${di}`;
        }
        if (d) failures.set(`${c.id}#parse_stream`, d);
      }
    }
    const parseFailed = [...failures.keys()].filter((k) => k.endsWith('#parse')).length;
    const streamFailed = failures.size - parseFailed;
    console.log(
      `conformance: parse ${parseTotal - parseFailed}/${parseTotal}, parse_stream ${streamTotal - streamFailed}/${streamTotal}`,
    );
    if (process.env.UPDATE_KNOWN_FAILURES) {
      const reasons = new Map(known.map((k) => [keyOf(k), k.reason]));
      const next = [...failures.entries()].sort().map(([k, d]) => {
        const [id, path] = k.split('#') as [string, KnownFailure['path']];
        return { id, path, reason: reasons.get(k) ?? d.slice(0, 200) };
      });
      writeFileSync(KNOWN_FILE, `${JSON.stringify(next, null, 2)}\n`);
      return;
    }
    const knownKeys = new Set(known.map(keyOf));
    const unexpected = [...failures.entries()]
      .filter(([k]) => !knownKeys.has(k))
      .map(([k, d]) => `${k}: ${d}`);
    const nowPassing = [...knownKeys].filter((k) => !failures.has(k));
    expect(unexpected, 'failing cases not listed in known-failures.json').toEqual([]);
    expect(nowPassing, 'listed cases that pass now: remove them from known-failures.json').toEqual(
      [],
    );
  });
});
