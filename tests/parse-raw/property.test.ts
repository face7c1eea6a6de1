// Property tests (fast-check): random texts over the characters the parser reacts to, and
// random mutations/truncations of valid JSON. Stage A must never throw, must give the same
// partial tree for a prefix however it was chunked (checked against the one-shot stage
// functions), and its output must stay proportional to its input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTopLevel } from '../../src/runtime/parse/raw/candidate-stages.js';
import { parseRaw, RawParser } from '../../src/runtime/parse/raw/index.js';
import type { RawValue } from '../../src/runtime/parse/raw/raw-value.js';
import { plainTree } from './tree-helpers.js';

const ALPHABET = [
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '`',
  ':',
  ',',
  ' ',
  '\n',
  '\r',
  '\t',
  '/',
  '*',
  '\\',
  'u',
  '0',
  'a',
  'e',
  't',
  'r',
  'n',
  'l',
  '1',
  '-',
  '.',
  '#',
  'é',
  '```',
  '```json\n',
  '"""',
  'true',
  'null',
];

const lenientText = fc
  .array(fc.constantFrom(...ALPHABET), { maxLength: 40 })
  .map((a) => a.join(''));

/** Splits `text` at the given cut points (sorted, deduplicated). */
function split(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let last = 0;
  for (const p of points) {
    pieces.push(text.slice(last, p));
    last = p;
  }
  pieces.push(text.slice(last));
  return pieces.filter((p) => p.length > 0);
}

function countNodes(value: RawValue): number {
  switch (value.kind) {
    case 'object':
      return 1 + value.entries.reduce((n, e) => n + countNodes(e.value), 0);
    case 'array':
      return 1 + value.items.reduce((n, v) => n + countNodes(v), 0);
    case 'markdown':
    case 'fixed':
      return 1 + countNodes(value.inner);
    case 'anyOf':
      return 1 + value.candidates.reduce((n, v) => n + countNodes(v), 0);
    default:
      return 1;
  }
}

describe('stage A properties', () => {
  it('chunked partials equal one-shot parses of every prefix', () => {
    fc.assert(
      fc.property(lenientText, fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const parser = new RawParser();
        let length = 0;
        for (const piece of split(text, cuts)) {
          parser.push(piece);
          length += piece.length;
          expect(plainTree(parser.root())).toEqual(
            plainTree(parseTopLevel(text.slice(0, length), false)),
          );
        }
        parser.finish();
        expect(plainTree(parser.root())).toEqual(plainTree(parseTopLevel(text, true)));
      }),
      { numRuns: 1500 },
    );
  });

  const jsonValue = fc
    .jsonValue({ maxDepth: 4 })
    .map((v) => JSON.stringify(v, null, Math.random() < 0.5 ? 2 : 0));
  const mutated = fc
    .tuple(
      jsonValue,
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.constantFrom('delete', 'insert', 'truncate'),
          fc.constantFrom(...ALPHABET),
        ),
        { maxLength: 4 },
      ),
    )
    .map(([text, edits]) => {
      let t = text;
      for (const [at, op, ch] of edits) {
        const i = t.length === 0 ? 0 : at % t.length;
        if (op === 'delete') t = t.slice(0, i) + t.slice(i + 1);
        else if (op === 'insert') t = t.slice(0, i) + ch + t.slice(i);
        else t = t.slice(0, i);
      }
      return t;
    });

  it('never throws on mutated or truncated JSON, and output stays proportional', () => {
    fc.assert(
      fc.property(mutated, fc.array(fc.nat(), { maxLength: 8 }), (text, cuts) => {
        for (const isDone of [false, true]) {
          const tree = parseRaw(text, isDone);
          expect(countNodes(tree)).toBeLessThanOrEqual(8 * text.length + 16);
        }
        const parser = new RawParser();
        for (const piece of split(text, cuts)) {
          parser.push(piece);
          parser.root();
        }
        parser.finish();
        expect(plainTree(parser.root())).toEqual(plainTree(parseRaw(text, true)));
      }),
      { numRuns: 1500 },
    );
  });

  it('valid JSON comes back as the strict candidate with JSON.parse values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const text = JSON.stringify(value, null, 1);
        const tree = parseRaw(text, true);
        expect(tree.kind === 'anyOf' || tree.kind === 'string').toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
