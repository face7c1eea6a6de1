// Where the strict-JSON streaming path hands over to the general path, and where it keeps
// reading. Each answer is streamed one character at a time; `onStrictPath` tells which path
// read it to the end, and every answer must give the general path's partials either way (the
// differential tests check that broadly; here each handover rule has its own case).
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compiler/index.js';
import type { Type } from '../../src/ir/types.js';
import { createStreamParser, UNCHANGED } from '../../src/runtime/parse/index.js';
import { onStrictPath } from '../../src/runtime/parse/stream/index.js';
import { valueDiff } from './support/fast-path.js';

const SOURCE = `
enum Color {
  RED
  GREEN @alias("vert")
}
class Meta {
  source string
  score float
}
class Item {
  id int
  name string?
  tags string[]
  meta Meta?
  ok bool
  color Color?
}
function One(input: string) -> Item {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
function Many(input: string) -> Item[] {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
function Text(input: string) -> string {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
class Scored {
  scores map<string, int?>
  notes map<string, string?>
  metas map<string, Meta>
}
function Scores(input: string) -> Scored {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
function Table(input: string) -> map<string, Meta> {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
function Tagged(input: string) -> Meta | Item {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
`;
const { program } = compile([{ path: 'h.baml', text: SOURCE }]);
if (!program) throw new Error('schema does not compile');
const typeOf = (name: string): Type => {
  const fn = program.functions[name];
  if (!fn) throw new Error(name);
  return fn.returnType;
};

/** Streams `text` a character at a time on both paths; which path the default one ended on. */
function stream(fn: string, text: string): boolean {
  const fast = createStreamParser(program as never, typeOf(fn));
  const general = createStreamParser(program as never, typeOf(fn), { strictStream: false });
  for (const c of text) {
    const a = fast.push(c);
    const b = general.push(c);
    expect(a === UNCHANGED, `UNCHANGED at ${JSON.stringify(c)}`).toBe(b === UNCHANGED);
    if (a !== UNCHANGED) expect(valueDiff(a, b)).toBeNull();
  }
  return onStrictPath(fast);
}

const item = (fields: string): string => `{\n  "id": 1,\n  ${fields}\n  "ok": true\n}`;

describe('strict-JSON streaming path: what it reads to the end', () => {
  it.each([
    ['a pretty-printed object', 'One', item('"name": "a",')],
    ['a list of objects', 'Many', `[\n${item('"tags": ["x", "y"],')},\n${item('')}\n]`],
    ['leading blank lines', 'One', `\n\n${item('')}`],
    ['escapes, balanced quotes', 'One', item('"name": "say \\"hi\\"\\n\\tbye \\\\ ok",')],
    ['null for a string?', 'One', item('"name": null,')],
    ['an enum by alias', 'One', item('"color": "vert",')],
    ['a nested object, exponent', 'One', item('"meta": {"source": "s", "score": -1.5e2},')],
    ['a cut answer', 'Many', `[\n${item('"name": "a",')},\n{"id": 2, "na`],
    ['a compact object without numbers before a comma', 'One', '{"name":"a","tags":[],"ok":true}'],
    ['prose before the answer', 'One', `Sure:\n${item('')}`],
    ['text after the answer', 'One', `${item('')}\nDone.`],
    [
      'prose, a fence, the answer, the closing fence, prose',
      'Many',
      `Here:\n\`\`\`json\n[${item('')}]\n\`\`\`\nDone.`,
    ],
    [
      'maps',
      'Scores',
      '{\n  "scores": {"a": 1, "b": null},\n  "notes": {"x y": "hi", "z": null},\n  "metas": {"m": {"source": "s", "score": 2}}\n}',
    ],
    [
      'a map at the top',
      'Table',
      '{\n  "a": {"source": "s", "score": 1},\n  "b": {"source": "t"\n',
    ],
    [
      '\\u and \\/ escapes while the answer is open',
      'Many',
      `[\n${item('"name": "caf\\u00e9 \\/",')}`,
    ],
  ])('%s', (_name, fn, text) => {
    expect(stream(fn, text)).toBe(true);
  });
});

describe('strict-JSON streaming path: where it hands over', () => {
  it.each([
    ['a number then a comma without a blank (compact JSON)', 'One', '{"id":1,"ok":true}'],
    ['an odd number of escaped quotes before ","', 'One', item('"name": "say \\"hi",')],
    ['the close of an answer with a \\u escape', 'One', item('"name": "caf\\u00e9",')],
    ['the close of an answer with a \\/ escape', 'One', item('"name": "a\\/b",')],
    ['a \\u escape of an enum', 'One', item('"color": "R\\u0045D",')],
    ['a bracket inside a string', 'One', item('"name": "see [1]",')],
    ['a key that is not a field', 'One', item('"extra": 1,')],
    ['a key given twice', 'One', item('"id": 2,')],
    ['a value of another type', 'One', item('"name": 5,')],
    ['a float for an int', 'One', '{\n  "id": 1.5,\n  "ok": true\n}'],
    ['null for a class T?', 'One', item('"meta": null,')],
    ['prose with a bracket before the answer', 'One', `Sure [1]:\n${item('')}`],
    [
      'an answer in a fence, then a second fence',
      'Many',
      `\`\`\`json\n[${item('')}]\n\`\`\`\n\`\`\`json\n[]`,
    ],
    ['a trailing comma', 'Many', `[${item('')},]`],
    ['an integer-like map key', 'Scores', '{\n  "scores": {"a": 1, "2": 2}\n}'],
    ['an inherited name as a map key', 'Scores', '{\n  "notes": {"toString": "x"}\n}'],
    ['a map key given twice', 'Scores', '{\n  "scores": {"a": 1, "a": 2}\n}'],
    ['a carriage return', 'One', item('').replaceAll('\n', '\r\n')],
  ])('%s', (_name, fn, text) => {
    expect(stream(fn, text)).toBe(false);
  });

  it('never starts for targets outside its subset', () => {
    expect(stream('Text', '{"id": 1}')).toBe(false);
    expect(stream('Tagged', '{\n  "source": "s",\n  "score": 1\n}')).toBe(false);
  });
});
