// The strict-JSON streaming path around a framed value: prose, a ```json (or other) fence line,
// the JSON, a closing fence, prose after it (src/runtime/parse/stream/answer-frame.ts). The
// general path (`strictStream: false`) is the oracle: for every text and chunking the strict
// path must give the same push() results (UNCHANGED at the same calls, equal values) and the
// same finish() outcome. The common shapes must actually stay on the strict path.
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compiler/index.js';
import type { Program, Type } from '../../src/ir/types.js';
import {
  createStreamParser,
  onStrictPath,
  type StreamParser,
  UNCHANGED,
} from '../../src/runtime/parse/stream/index.js';
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
  name string
  tags string[]
  meta Meta
  note string?
  color Color
  ok bool
}

class Tone {
  color Color
  level int
}

class Named {
  name string
}

class Pair {
  left string
  right int?
}
`;

function schema(): Program {
  const { program } = compile([{ path: 'fence.baml', text: SOURCE }]);
  if (!program) throw new Error('test schema does not compile');
  return program;
}

const program = schema();
const cls = (name: string): Type => ({ kind: 'class', name });
const list = (item: Type): Type => ({ kind: 'list', item });
const prim = (name: 'string' | 'int'): Type => ({ kind: 'primitive', name });

const ITEM_A = `{"id": 1, "name": "first  ", "tags": ["a ", "b\\"q\\" "], "meta": {"source": "x y ", "score": 1.5}, "note": null, "color": "vert", "ok": true}`;
const ITEM_B = `{
  "id": -2,
  "name": "tab\\tand \\\\ slash  ",
  "tags": [],
  "meta": {"source": "\u00a0nbsp\u00a0", "score": -0.25},
  "note": "n ",
  "color": "RED",
  "ok": false
}`;

/** Targets with JSON answers for them. */
const TARGETS: { name: string; type: Type; json: string[] }[] = [
  {
    name: 'Item[]',
    type: list(cls('Item')),
    // (backticks in a string: after a fence alone they could close the answer's backtick reading)
    json: [`[${ITEM_A}, ${ITEM_B}]`, '[]', `[${ITEM_A.replace('first  ', 'a```b')}]`],
  },
  { name: 'Item', type: cls('Item'), json: [ITEM_B] },
  {
    name: 'Pair',
    type: cls('Pair'),
    json: ['{"left": "l  r ", "right": 3}', '{}', '{"left": "```", "right": null}'],
  },
  {
    name: 'string[]',
    type: list(prim('string')),
    json: ['["a ", "b  c", " "]', '["use ```x``` ", "`"]'],
  },
  {
    name: 'string[][]',
    type: list(list(prim('string'))),
    json: ['[["x "], []]', '[["a```b", "[c]"], ["y", "z"]]'],
  },
  {
    name: 'Tone',
    type: cls('Tone'),
    json: ['{"color": "GREEN ", "level": 2}', '{"level": 1, "color": "RED"}'],
  },
  // excluded from tagged fences (see fencedTarget): must still agree with the oracle
  { name: 'Named', type: cls('Named'), json: ['{"name": "Bo  "}'] },
  { name: 'int[]', type: list(prim('int')), json: ['[1, 22, -3]'] },
];

const PREFIXES = [
  '',
  'Here is the list:\n```json\n',
  '```json\n',
  '\n```JSON\n\n  ',
  '  ```json  \n',
  '```\n',
  'Sure:\n```\n',
  'The answer is ',
  'Answer:\n\n```json\n\n',
  'Here\'s the "list" you asked for:\n```json\n',
  'Voilà — 1. two\n``` ts\n',
  'He said "ok", then: ',
  'Result:\n\n',
  'true\n```json\n',
  '42 is it\n```\n',
  // shapes the strict path leaves to the general path
  'Text with a { brace\n```json\n',
  'a\n```json\n```json\n',
  '`code` first\n```json\n',
  '"quoted"\n```json\n',
  '// comment\n```json\n',
  '```json\r\n',
  'x ```json\n',
  '```json\ntext\n',
];

const SUFFIXES = [
  '',
  '\n',
  '\n```',
  '\n``',
  '\n```\n',
  '\n```\n\nHope this helps!',
  ' \n  ```\nDone, it\'s "all" here.\n',
  ' as requested.',
  // shapes the strict path leaves to the general path
  '\n```json\n[]\n```',
  ' and [more]',
  '\n```\n{"x": 1}',
  '\n```\nUse `x`.',
  '\n``` \n',
  '\n```\r\n',
  '```',
];

/** Push results and the finish outcome for `text` cut into `chunks`. */
function run(type: Type, chunks: string[], strictStream: boolean) {
  const parser: StreamParser = createStreamParser(program, type, { strictStream });
  const pushes = chunks.map((c) => parser.push(c));
  const strict = onStrictPath(parser);
  let final: unknown;
  try {
    const f = parser.finish();
    final = { value: f.value, partial: f.partial };
  } catch (e) {
    final = { error: (e as Error).message };
  }
  return { pushes, final, strict };
}

function cut(text: string, sizes: number[]): string[] {
  const out: string[] = [];
  let i = 0;
  for (let k = 0; i < text.length; k++) {
    const n = sizes[k % sizes.length] as number;
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

/** A fixed pseudo-random chunking (deterministic per text). */
function randomSizes(seed: number): number[] {
  const sizes: number[] = [];
  let x = seed || 1;
  for (let k = 0; k < 64; k++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    sizes.push(1 + (x % 11));
  }
  return sizes;
}

/** The first difference between the strict path and the oracle, or null. */
function firstDifference(type: Type, chunks: string[]): string | null {
  const a = run(type, chunks, true);
  const b = run(type, chunks, false);
  for (let i = 0; i < chunks.length; i++) {
    const x = a.pushes[i];
    const y = b.pushes[i];
    const at = `push ${i} (${JSON.stringify(chunks.slice(0, i + 1).join(''))})`;
    if ((x === UNCHANGED) !== (y === UNCHANGED))
      return `${at}: ${x === UNCHANGED ? 'UNCHANGED' : 'value'} vs ${y === UNCHANGED ? 'UNCHANGED' : 'value'}`;
    const d = valueDiff(x, y);
    if (d) return `${at}: ${d}`;
  }
  const d = valueDiff(a.final, b.final);
  return d ? `finish: ${d}` : null;
}

describe('strict path around a framed value agrees with the general path', () => {
  const runs = TARGETS.flatMap((t) =>
    t.json.map((json, j) => [`${t.name} #${j}`, t.type, json] as const),
  );
  it.each(runs)('%s: every prefix × suffix × chunking', (_name, type, json) => {
    const failures: string[] = [];
    let seed = json.length;
    for (const prefix of PREFIXES)
      for (const suffix of SUFFIXES) {
        const text = prefix + json + suffix;
        // (long answers: one character at a time and a random cut, to keep the run short)
        const chunkings =
          json.length > 200 ? [[1], randomSizes(seed++)] : [[1], [3], [8], randomSizes(seed++)];
        for (const sizes of chunkings) {
          const d = firstDifference(type, cut(text, sizes));
          if (d) failures.push(`${JSON.stringify(text)} by ${sizes[0]}…: ${d}`);
        }
      }
    expect(failures.slice(0, 5)).toEqual([]);
  });
});

describe('the common fenced shapes stay on the strict path', () => {
  const json = `[${ITEM_A}, ${ITEM_B}]`;
  const shapes = [
    ['prose and a json fence', `Here is the list:\n\`\`\`json\n${json}`],
    ['a json fence alone, closed', `\`\`\`json\n${json}\n\`\`\`\n`],
    ['prose, a fence, prose after', `Sure.\n\n\`\`\`JSON\n${json}\n\`\`\`\n\nAnything else?`],
    ['an untagged fence', `Ok:\n\`\`\`\n${json}\n\`\`\``],
    ['JSON inside prose', `The answer is ${json} as requested.`],
  ] as const;
  it.each(shapes)('%s', (_name, text) => {
    for (const sizes of [[1], [8], randomSizes(3)]) {
      const parser = createStreamParser(program, list(cls('Item')));
      for (const c of cut(text, sizes)) parser.push(c);
      expect(onStrictPath(parser)).toBe(true);
    }
  });

  it('leaves a one-field class and a list of numbers in a tagged fence to the general path', () => {
    const a = createStreamParser(program, cls('Named'));
    a.push('Here:\n```json\n{"name": "x"');
    expect(onStrictPath(a)).toBe(false);
    const b = createStreamParser(program, list(prim('int')));
    b.push('```json\n[1, 2');
    expect(onStrictPath(b)).toBe(false);
    // without a tagged fence they are read as bare JSON is
    const c = createStreamParser(program, list(prim('int')));
    c.push('Here: [1, 2');
    expect(onStrictPath(c)).toBe(true);
  });
});

describe('finish() after write() alone (no partial asked for) agrees with the general path', () => {
  /** The finish outcome after writing `chunks`, with a partial asked for after the first `asked`. */
  function finishAfterWrites(type: Type, chunks: string[], asked: number, strictStream: boolean) {
    const parser = createStreamParser(program, type, { strictStream });
    for (const [i, c] of chunks.entries()) {
      parser.write(c);
      if (i < asked) parser.current();
    }
    try {
      return parser.finish();
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  it.each(TARGETS.map((t) => [t.name, t.type, t.json[0] as string] as const))(
    '%s',
    (_name, type, json) => {
      const failures: string[] = [];
      for (const prefix of PREFIXES)
        for (const suffix of SUFFIXES) {
          const chunks = cut(prefix + json + suffix, [5]);
          for (const asked of [0, 3, chunks.length - 2]) {
            const d = valueDiff(
              finishAfterWrites(type, chunks, asked, true),
              finishAfterWrites(type, chunks, asked, false),
            );
            if (d) failures.push(`${JSON.stringify(chunks.join(''))} (${asked} partials): ${d}`);
          }
        }
      expect(failures.slice(0, 5)).toEqual([]);
    },
  );
});
