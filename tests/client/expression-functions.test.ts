// Expression functions run by the runtime's interpreter: statements, loops, maps, classes and
// methods evaluated in TypeScript, LLM functions called through the real client against a
// loopback OpenAI-compatible server.
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compiler/index.js';
import {
  BamlAbortError,
  BamlError,
  BamlInvalidArgumentError,
  BamlRuntime,
} from '../../src/runtime/index.js';
import { json } from '../llm/loopback-server.js';
import { withLoopback } from '../llm/with-loopback.js';

const SOURCE = `
client<llm> Local {
  provider openai-generic
  options {
    base_url env.BASE
    model "m"
  }
}

enum Tone {
  Calm
  Loud
}

class Order {
  id int
  items string[]
  function Count(self) -> int {
    self.items.length()
  }
}

function Shout(text: string) -> string {
  client Local
  prompt #"Shout {{ text }}"#
}

let greeting = "hi";

function Sum(xs: int[]) -> int {
  let total = 0;
  for (let x in xs) {
    if (x < 0) { continue; }
    if (x > 100) { break; }
    total += x;
  }
  total
}

function Loops(n: int) -> int {
  let acc = 0;
  for (let i = 0; i < n; i += 1) {
    acc = acc + i * 2;
  }
  while (acc > 10) {
    acc -= 7;
  }
  acc
}

function Early(x: int) -> string {
  if (x == 1) {
    return "one";
  } else if (x == 2) {
    return "two";
  }
  let m = { "small": "s", "big": "b" };
  if (m.has("small") && x > 2) { m["small"] } else { "none" }
}

function Build(tone: Tone) -> Order {
  let o = Order { id: 7, items: ["a", "b"] };
  o.items[1] = "c";
  if (tone == Tone.Loud) {
    o.id = o.id + o.Count();
  }
  o
}

function Pipeline(name: string) -> string[] {
  let out: string[] = [];
  let first = Shout(greeting + " " + name);
  out = [first, Shout(first)];
  out
}

function Fact(n: int) -> int {
  if (n <= 1) { 1 } else { n * Fact(n - 1) }
}

function Forever(n: int) -> int {
  Forever(n + 1)
}

function Spin() -> int {
  let i = 0;
  while (true) {
    i += 1;
  }
  i
}
`;

function runtime(): BamlRuntime {
  const { program, diagnostics } = compile([{ path: 'main.baml', text: SOURCE }]);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!program) throw new Error('no program');
  return new BamlRuntime(program);
}

const server = withLoopback();

function answer(text: string) {
  return json({
    id: 'x',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
  });
}

describe('expression functions', () => {
  const b = runtime();

  it('run for-in loops with continue and break', async () => {
    expect(await b.call('Sum', { xs: [1, -5, 2, 3, 500, 9] })).toBe(6);
  });

  it('run C-style for loops, while loops and compound assignment', async () => {
    expect(await b.call('Loops', { n: 4 })).toBe(5);
  });

  it('return early, read maps and take the value of a trailing if', async () => {
    expect(await b.call('Early', { x: 1 })).toBe('one');
    expect(await b.call('Early', { x: 2 })).toBe('two');
    expect(await b.call('Early', { x: 3 })).toBe('s');
  });

  it('build class instances, assign fields and elements, call methods, read enums', async () => {
    expect(await b.call('Build', { tone: 'Loud' })).toEqual({ id: 9, items: ['a', 'c'] });
    expect(await b.call('Build', { tone: 'Calm' })).toEqual({ id: 7, items: ['a', 'c'] });
  });

  it('recurse, and stop runaway recursion with a BamlError', async () => {
    expect(await b.call('Fact', { n: 5 })).toBe(120);
    await expect(b.call('Forever', { n: 0 })).rejects.toThrow(/more than 200 deep/);
  });

  it('call LLM functions through the client, with top-level let values', async () => {
    server.respond(answer('HI ADA'), answer('HI ADA!!'));
    const env = { BASE: `${server.baseUrl}/v1` };
    expect(await b.call('Pipeline', { name: 'Ada' }, { env })).toEqual(['HI ADA', 'HI ADA!!']);
    expect(server.requests.map((r) => r.body.messages[0].content)).toEqual([
      'Shout hi Ada',
      'Shout HI ADA',
    ]);
  });

  it('stops a loop that never ends when the call is aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(b.call('Spin', {}, { signal: controller.signal })).rejects.toBeInstanceOf(
      BamlAbortError,
    );
  });

  it('stream: no partials, the final value at the end', async () => {
    const stream = b.stream('Sum', { xs: [1, 2] });
    const partials: unknown[] = [];
    for await (const partial of stream) partials.push(partial);
    expect(partials).toEqual([]);
    expect(await stream.getFinalResponse()).toBe(3);
  });

  it('validate arguments, and refuse parse and request building', async () => {
    await expect(b.call('Sum', { xs: 'no' })).rejects.toBeInstanceOf(BamlInvalidArgumentError);
    expect(() => b.parse('Sum', '3')).toThrow(/expression function/);
    await expect(b.buildRequest('Sum', { xs: [] }, {}, false)).rejects.toBeInstanceOf(BamlError);
  });
});
