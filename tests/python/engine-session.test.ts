import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compiler/index.js';
import type { Response } from '../../src/engine/protocol.js';
import { EngineSession } from '../../src/engine/session.js';

const SOURCE = `class P {
  name string
  @@dynamic
}
function F(t: string) -> P {
  client "openai/gpt-4o"
  prompt #"{{ t }} {{ ctx.output_format }}"#
}`;

function session() {
  const sent: Response[] = [];
  const s = new EngineSession((m) => sent.push(m), '9.9.9');
  const answer = async (line: string, id: number | null) => {
    s.handleLine(line);
    for (let i = 0; i < 50 && !sent.some((m) => m.id === id); i++)
      await new Promise((r) => setTimeout(r, 5));
    return sent.find((m) => m.id === id);
  };
  return { sent, answer };
}

describe('engine session (protocol v1)', () => {
  const { program } = compile([{ path: 'a.baml', text: SOURCE }]);
  const ir = JSON.stringify(program);

  it('answers hello with its protocol version', async () => {
    const { answer } = session();
    expect(await answer('{"id":1,"op":"hello","protocol":1}', 1)).toMatchObject({
      id: 1,
      ok: { protocol: 1, tsbaml: '9.9.9' },
    });
  });

  it('loads a program and parses with it, errors carrying their BAML type', async () => {
    const { answer } = session();
    await answer(JSON.stringify({ id: 1, op: 'load', key: 'k', ir }), 1);
    expect(
      await answer(
        '{"id":2,"op":"parse","runtime":"k","fn":"F","text":"{\\"name\\": \\"A\\"}","partial":false}',
        2,
      ),
    ).toEqual({ id: 2, ok: { name: 'A' } });
    const bad = await answer(
      '{"id":3,"op":"parse","runtime":"k","fn":"F","text":"nothing","partial":false}',
      3,
    );
    expect(bad).toMatchObject({
      id: 3,
      error: { type: 'BamlValidationError', raw_output: 'nothing' },
    });
  });

  it('builds requests with the real headers', async () => {
    const { answer } = session();
    await answer(JSON.stringify({ id: 1, op: 'load', key: 'k', ir }), 1);
    const r = await answer(
      JSON.stringify({
        id: 2,
        op: 'request',
        runtime: 'k',
        fn: 'F',
        args: { t: 'x' },
        stream: true,
        options: { env: { OPENAI_API_KEY: 'sk-1' } },
      }),
      2,
    );
    expect(r).toMatchObject({
      ok: {
        url: 'https://api.openai.com/v1/chat/completions',
        method: 'POST',
        headers: { authorization: 'Bearer sk-1' },
      },
    });
    expect(JSON.parse((r as { ok: { body: string } }).ok.body).stream).toBe(true);
  });

  it('answers malformed input with a protocol error instead of crashing', async () => {
    const { answer } = session();
    expect(await answer('not json', null)).toMatchObject({
      id: null,
      error: { type: 'BamlProtocolError' },
    });
    expect(await answer('{"id":4,"op":"nope"}', 4)).toMatchObject({
      id: 4,
      error: { type: 'BamlProtocolError' },
    });
    expect(
      await answer(
        '{"id":5,"op":"parse","runtime":"missing","fn":"F","text":"","partial":true}',
        5,
      ),
    ).toMatchObject({ error: { type: 'BamlProtocolError' } });
  });

  it("replays a TypeBuilder's recorded changes for that request only", async () => {
    const { answer } = session();
    await answer(JSON.stringify({ id: 1, op: 'load', key: 'k', ir }), 1);
    const parse = (id: number, tb: unknown) =>
      answer(
        JSON.stringify({
          id,
          op: 'parse',
          runtime: 'k',
          fn: 'F',
          text: '{"name": "A", "age": 3, "kind": "robot"}',
          partial: false,
          options: { tb },
        }),
        id,
      );
    const ops = [
      { op: 'add_property', class: 'P', name: 'age', type: { optional: { primitive: 'int' } } },
      { op: 'add_enum', name: 'Kind' },
      { op: 'add_value', enum: 'Kind', name: 'ROBOT' },
      { op: 'value', enum: 'Kind', name: 'ROBOT', alias: 'robot' },
      { op: 'property', class: 'P', name: 'kind', type: { enum: 'Kind' } },
    ];
    expect(await parse(2, { ops })).toEqual({
      id: 2,
      ok: { name: 'A', age: 3, kind: 'ROBOT' },
    });
    expect(await parse(3, null)).toEqual({ id: 3, ok: { name: 'A' } });
    // A change the builder refuses is a typed error: BAML's error class and message.
    const twice = [ops[0], ops[0]];
    expect(await parse(4, { ops: twice })).toMatchObject({
      error: { type: 'BamlError', message: 'Property age already exists.' },
    });
    expect(await parse(5, { ops: [{ op: 'nope' }] })).toMatchObject({
      error: { type: 'BamlInvalidArgumentError' },
    });
    expect(await parse(6, { classes: [] })).toMatchObject({
      error: { type: 'BamlInvalidArgumentError' },
    });
  });

  it('describes what a TypeBuilder declares, or refuses add_baml text at once', async () => {
    const { answer } = session();
    await answer(JSON.stringify({ id: 1, op: 'load', key: 'k', ir }), 1);
    const describe = (id: number, ops: unknown[]) =>
      answer(JSON.stringify({ id, op: 'type_builder', runtime: 'k', tb: { ops } }), id);
    const ops = [
      { op: 'add_property', class: 'P', name: 'age', type: { primitive: 'int' } },
      {
        op: 'add_baml',
        baml: 'dynamic class P {\n  nick string\n}\nclass Q {\n  a int\n  b P\n}\nenum E {\n  X\n  Y\n}\ntype L = Q[]',
      },
    ];
    expect(await describe(2, ops)).toEqual({
      id: 2,
      ok: {
        classes: { P: ['age', 'nick'], Q: ['a', 'b'] },
        enums: { E: ['X', 'Y'] },
        aliases: ['L'],
      },
    });
    // Only what the builder has now: a property removed after add_baml is gone.
    const removed = [...ops, { op: 'remove_property', class: 'P', name: 'age' }];
    expect(await describe(3, removed)).toMatchObject({ ok: { classes: { P: ['nick'] } } });
    expect(await describe(4, [])).toEqual({ id: 4, ok: { classes: {}, enums: {}, aliases: [] } });
    // Text the builder refuses: BamlError with the diagnostics alone (as BAML's Python client).
    const bad = await describe(5, [{ op: 'add_baml', baml: 'class Q {\n  a Nope\n}' }]);
    expect(bad).toMatchObject({ id: 5, error: { type: 'BamlError' } });
    const message = (bad as { error: { message: string } }).error.message;
    expect(message).toMatch(/^TypeBuilder::add_baml:2:5: error\[unknown_type\]/);
    expect(message).toContain('^^^^');
  });
});
