// Bounded resources on replies a broken model emits (spec §9 item 8: real BAML spends 56 s and
// 21 GB on 1,000 `[`). Each input is streamed in small chunks with a partial tree requested
// after every chunk, then finished; the time bounds are generous (shared CI machines) but far
// below what a quadratic scan of these sizes costs.
import { describe, expect, it } from 'vitest';
import {
  MAX_DEPTH,
  parseRaw,
  RawParser,
  type RawValue,
} from '../../src/runtime/parse/raw/index.js';

const N = 100_000;

const CASES: Record<string, string> = {
  'open brackets': '['.repeat(N),
  'open braces': '{'.repeat(N),
  'mixed openers': '[{'.repeat(N / 2),
  'stray closers': '}'.repeat(N),
  'stray closers after an object': `{}${'}'.repeat(N)}`,
  'double quotes': '"'.repeat(N),
  'single quotes': "'".repeat(N),
  backticks: '`'.repeat(N),
  'opening fences': '```json\n'.repeat(N / 8),
  'unterminated string': `{"a": "${'x'.repeat(N)}`,
  'unterminated unquoted value': `{a: ${'word '.repeat(N / 5)}`,
  prose: 'word '.repeat(N / 5),
  'blanks after a quote': `{"a": "x"${' '.repeat(N)}`,
  'blanks after an unquoted comma': `{a: x y,${' '.repeat(N)}`,
  'deep valid nesting': `${'['.repeat(N / 2)}${']'.repeat(N / 2)}`,
  slashes: `{${'/'.repeat(N)}`,
  backslashes: `{"a": "${'\\'.repeat(N)}`,
  'comma runs': `{a: b${', '.repeat(N / 2)}`,
  // every span / block is a candidate: shaping them must not redo all of them per partial
  'many top-level objects': '{"a": 1}\n'.repeat(N / 9),
  'many objects in prose': 'see {"a": [1]} and '.repeat(N / 20),
  'many fenced blocks': '```json\n{"a": 1}\n```\ntext\n'.repeat(N / 25),
};

function depthOf(value: RawValue): number {
  switch (value.kind) {
    case 'object':
      return 1 + Math.max(0, ...value.entries.map((e) => depthOf(e.value)));
    case 'array':
      return 1 + Math.max(0, ...value.items.map(depthOf));
    case 'markdown':
    case 'fixed':
      return depthOf(value.inner);
    case 'anyOf':
      return Math.max(0, ...value.candidates.map(depthOf));
    default:
      return 0;
  }
}

describe('pathological replies stay fast and bounded', () => {
  it.each(Object.entries(CASES))('%s', (_name, text) => {
    const started = performance.now();
    const parser = new RawParser();
    for (let i = 0; i < text.length; i += 32) {
      parser.push(text.slice(i, i + 32));
      parser.root();
    }
    parser.finish();
    const tree = parser.root();
    expect(performance.now() - started).toBeLessThan(8_000);
    expect(depthOf(tree)).toBeLessThanOrEqual(MAX_DEPTH);
  });

  it('1,000 open brackets parse in well under a second', () => {
    const started = performance.now();
    const tree = parseRaw('['.repeat(1000), true);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(depthOf(tree)).toBe(MAX_DEPTH);
  });
});
