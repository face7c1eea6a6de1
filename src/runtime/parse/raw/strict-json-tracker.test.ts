// The strict-JSON tracker must agree with JSON.parse on what is one complete JSON document
// (serde and JSON.parse agree except on lone surrogate escapes and nesting beyond 128, which
// the generated texts avoid), fed whole or in pieces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StrictJsonTracker } from './strict-json-tracker.js';
import { strictJsonTree } from './strict-json-tree.js';

function jsonParses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const pieces = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
  ',',
  ' ',
  '\n',
  '\\',
  'n',
  'u',
  '0',
  '1',
  '-',
  '.',
  'e',
  'a',
  'true',
  'null',
  '\t',
  '\u0001',
];

describe('StrictJsonTracker', () => {
  it('accepts exactly what JSON.parse accepts, however the text is split', () => {
    const text = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v, null, 1)),
      fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(text, fc.nat(), (t, cut) => {
        const whole = new StrictJsonTracker();
        whole.push(t);
        const split = new StrictJsonTracker();
        const at = t.length === 0 ? 0 : cut % t.length;
        split.push(t.slice(0, at));
        split.push(t.slice(at));
        expect(whole.accepting).toBe(jsonParses(t));
        expect(split.accepting).toBe(whole.accepting);
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects lone surrogate escapes like serde does', () => {
    const t = new StrictJsonTracker();
    t.push('"\\ud800"');
    expect(t.accepting).toBe(false);
  });

  it('builds the same values as JSON.parse, numbers keeping their text', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        const text = JSON.stringify(v);
        const tree = strictJsonTree(text);
        const plain = (n: typeof tree): unknown => {
          switch (n.kind) {
            case 'object':
              return Object.fromEntries(n.entries.map((e) => [e.key, plain(e.value)]));
            case 'array':
              return n.items.map(plain);
            case 'null':
              return null;
            case 'string':
            case 'bool':
            case 'number':
              return n.value;
            default:
              return undefined;
          }
        };
        expect(plain(tree)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });
});
