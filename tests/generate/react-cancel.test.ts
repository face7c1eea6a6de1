// The server side of the React hooks' upstream cancel, run for real: the generated
// react/server_calls.ts and react/server_cancel.ts actions (imported as a Next.js server would
// import them) against a loopback LLM that streams a first piece and then stalls, so the only
// way its request closes is the client hanging up.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/compiler/index.js';
import { generateClient } from '../../src/generator/index.js';
import { type Handler, json } from '../llm/loopback-server.js';
import { withLoopback } from '../llm/with-loopback.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = join(here, '_output', 'react-cancel');

interface CallActions {
  ExtractReceipt(callId: string, receipt: string): Promise<ReadableStream<Uint8Array>>;
  ListTopics(callId: string): Promise<ReadableStream<Uint8Array>>;
}
interface CancelAction {
  cancelCall(callId: string): Promise<void>;
}
interface Registry {
  beginCall(callId: unknown): { signal: AbortSignal | undefined; end: () => void };
  cancelCall(callId: unknown): void;
}
interface StreamingActions {
  ExtractReceipt(receipt: string): Promise<ReadableStream<Uint8Array>>;
}
interface FinalActions {
  ListTopics(): Promise<string[]>;
}

let calls: CallActions;
let cancel: CancelAction;
let registry: Registry;
let streaming: StreamingActions;
let final: FinalActions;

const server = withLoopback();
/** Resolves, per request, when the LLM's response closes (the client hung up: it never ends). */
let closedNext: Promise<void>[] = [];

/** The first piece of an answer, then nothing until the client hangs up. */
const firstPieceThenStall: Handler = (_req, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const delta = { choices: [{ index: 0, delta: { content: '{"items": [' }, finish_reason: null }] };
  res.write(`data: ${JSON.stringify(delta)}\n\n`);
  closedNext.push(new Promise((resolve) => res.on('close', () => resolve())));
};

beforeAll(async () => {
  const text = readFileSync(join(here, 'react', 'input.baml'), 'utf8');
  const sources = [{ path: 'main.baml', text }];
  const { program } = compile(sources);
  if (!program) throw new Error('fixture does not compile');
  rmSync(out, { recursive: true, force: true });
  for (const f of generateClient(program, sources, program.generators[0]!)) {
    const path = join(out, 'baml_client', f.path);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, f.content);
  }
  const load = (name: string) => import(join(out, 'baml_client', 'react', name));
  calls = await load('server_calls.ts');
  cancel = await load('server_cancel.ts');
  registry = await load('call_registry.ts');
  streaming = await load('server_streaming.ts');
  final = await load('server.ts');
});

let savedUrl: string | undefined;
beforeAll(() => {
  savedUrl = process.env.FAKE_BASE_URL;
  process.env.FAKE_BASE_URL = server.baseUrl;
});
afterAll(() => {
  if (savedUrl === undefined) delete process.env.FAKE_BASE_URL;
  else process.env.FAKE_BASE_URL = savedUrl;
});

/** Reads the first NDJSON line of an action's stream (the call is then streaming upstream). */
async function firstLine(stream: ReadableStream<Uint8Array>): Promise<{
  line: unknown;
  reader: ReadableStreamDefaultReader<Uint8Array>;
}> {
  const reader = stream.getReader();
  const { value } = await reader.read();
  return { line: JSON.parse(new TextDecoder().decode(value).split('\n')[0]!), reader };
}

/** Whether `promise` settles within `ms`. */
const within = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]);

describe('react/server_calls.ts and react/server_cancel.ts', () => {
  it('cancelCall(id) aborts the running LLM request of the call with that id, not others', async () => {
    closedNext = [];
    server.respond(firstPieceThenStall);
    const first = await firstLine(await calls.ExtractReceipt('call-a', 'r1'));
    const second = await firstLine(await calls.ExtractReceipt('call-b', 'r2'));
    expect(first.line).toEqual({ partial: { items: [], total: null } });
    expect(server.requests).toHaveLength(2);
    await cancel.cancelCall('call-a');
    expect(await within(closedNext[0]!, 2000)).toBe(true);
    expect(await within(closedNext[1]!, 100)).toBe(false);
    // The cancelled call's stream ends (with BAML's abort error line) instead of hanging.
    let rest = '';
    for (let r = await first.reader.read(); !r.done; r = await first.reader.read())
      rest += new TextDecoder().decode(r.value);
    expect(rest).toContain('BamlAbortError');
    await second.reader.cancel();
    expect(await within(closedNext[1]!, 2000)).toBe(true);
  });

  it('cancelling the returned stream aborts the LLM request too', async () => {
    closedNext = [];
    server.respond(firstPieceThenStall);
    const { reader } = await firstLine(await calls.ExtractReceipt('call-c', 'r'));
    await reader.cancel('gone');
    expect(await within(closedNext[0]!, 2000)).toBe(true);
  });

  it('a cancel that overtakes its call aborts the call as soon as it starts', async () => {
    server.respond(firstPieceThenStall);
    await cancel.cancelCall('call-early');
    const stream = await calls.ListTopics('call-early');
    const text = await new Response(stream).text();
    expect(text).toContain('BamlAbortError');
    expect(server.requests).toHaveLength(0);
  });

  it('streams to the end and frees its id; a later cancel of that id is a no-op', async () => {
    const answer = JSON.stringify(['a', 'b']);
    const event = (content: string) =>
      `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
    server.respond((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`${event(answer)}data: [DONE]\n\n`);
    });
    const text = await new Response(await calls.ListTopics('call-done')).text();
    expect(text.trim().split('\n').at(-1)).toBe('{"final":["a","b"]}');
    await cancel.cancelCall('call-done');
    // BAML's own actions are unchanged: same arguments, no id.
    server.respond(json({ choices: [{ index: 0, message: { content: answer } }] }));
    expect(await final.ListTopics()).toEqual(['a', 'b']);
    expect(server.requests.at(-1)?.body.stream).not.toBe(true);
    expect(streaming.ExtractReceipt.length).toBe(1);
  });

  it('ignores malformed ids and stays bounded under a flood of calls', () => {
    expect(registry.beginCall(42).signal).toBeUndefined();
    expect(registry.beginCall('x'.repeat(129)).signal).toBeUndefined();
    expect(() => registry.cancelCall({})).not.toThrow();
    const oldest = registry.beginCall('flood-0');
    const calls = Array.from({ length: 10_000 }, (_, i) => registry.beginCall(`flood-${i + 1}`));
    // The oldest entry made room: cancelling it can no longer reach it; the newest still can.
    registry.cancelCall('flood-0');
    expect(oldest.signal?.aborted).toBe(false);
    registry.cancelCall('flood-10000');
    expect(calls.at(-1)?.signal?.aborted).toBe(true);
    for (const call of calls) call.end();
  });
});
