import { describe, expect, it } from 'vitest';
import { BamlValidationError } from '../../src/runtime/errors/index.js';
import {
  applyPatch,
  diffPartial,
  type PatchOperation,
} from '../../src/runtime/serve/partial-patch.js';
import { createServeApp } from '../../src/server/app.js';
import { makeApp, parseSse, post, program, receiptFinal, receiptPartials } from './fixtures.js';

const script = () => ({ partials: receiptPartials, final: receiptFinal });

/** Distinct consecutive partials, as the server sends them. */
const distinct = receiptPartials.filter(
  (p, i) => i === 0 || JSON.stringify(p) !== JSON.stringify(receiptPartials[i - 1]),
);

describe('POST /stream/{fn}, BAML protocol (default)', () => {
  it('sends data: <partial> per change and the final value last', async () => {
    const { app } = makeApp(script);
    const response = await post(app, '/stream/Extract', { text: 'x' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = parseSse(await response.text());
    expect(events.every((e) => e.event === undefined && e.id === undefined)).toBe(true);
    expect(events.map((e) => JSON.parse(e.data!))).toEqual([...distinct, receiptFinal]);
  });

  it('drops @stream.with_state wrappers, as BAML does on this route', async () => {
    const partials = [
      { body: { value: 'He', state: 'Incomplete' } },
      { body: { value: 'Hello', state: 'Complete' } },
    ];
    const { app } = makeApp(() => ({ partials, final: { body: 'Hello' } }));
    const events = parseSse(await (await post(app, '/stream/Stateful', {})).text());
    expect(events.map((e) => JSON.parse(e.data!))).toEqual([
      { body: 'He' },
      { body: 'Hello' },
      { body: 'Hello' },
    ]);
  });

  it('on an error after the start, ends the stream with only an SSE comment (ignored by SSE parsers)', async () => {
    const error = new BamlValidationError('p', 'raw', 'Failed to parse');
    const { app } = makeApp(() => ({ partials: receiptPartials.slice(0, 2), error }));
    const response = await post(app, '/stream/Extract', { text: 'x' });
    expect(response.status).toBe(200);
    const events = parseSse(await response.text());
    expect(events.filter((e) => e.data !== undefined)).toHaveLength(2);
    const last = events.at(-1)!;
    expect(last.data).toBeUndefined();
    expect(last.comment).toMatch(/^error \{"error":"validation_failure"/);
  });

  it('a stream with no partials still sends the final value', async () => {
    const { app } = makeApp(() => ({ partials: [], final: 42 }));
    const events = parseSse(await (await post(app, '/stream/Extract', { text: 'x' })).text());
    expect(events).toEqual([{ data: '42' }]);
  });
});

describe('POST /stream/{fn}, events protocol', () => {
  it('names events partial / final with increasing ids (opt-in by query or Accept)', async () => {
    const { app } = makeApp(script);
    for (const response of [
      await post(app, '/stream/Extract?protocol=events', { text: 'x' }),
      await post(
        app,
        '/stream/Extract',
        { text: 'x' },
        { accept: 'text/event-stream; protocol=events' },
      ),
    ]) {
      const events = parseSse(await response.text());
      expect(events.map((e) => e.event)).toEqual([...distinct.map(() => 'partial'), 'final']);
      expect(events.map((e) => Number(e.id))).toEqual(events.map((_, i) => i + 1));
      expect(JSON.parse(events.at(-1)!.data!)).toEqual(receiptFinal);
    }
  });

  it("reports an error mid-stream as an error event with BAML's body and the status", async () => {
    const error = new BamlValidationError('p', 'raw output', 'Failed to parse');
    const { app } = makeApp(() => ({ partials: receiptPartials.slice(0, 2), error }));
    const events = parseSse(
      await (await post(app, '/stream/Extract?protocol=events', { text: 'x' })).text(),
    );
    const last = events.at(-1)!;
    expect(last.event).toBe('error');
    expect(JSON.parse(last.data!)).toMatchObject({
      error: 'validation_failure',
      raw_output: 'raw output',
      prompt: 'p',
      status: 500,
    });
  });

  it('rejects an unknown protocol with 400', async () => {
    const { app } = makeApp(script);
    const response = await post(app, '/stream/Extract?protocol=xml', { text: 'x' });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('invalid_argument');
  });
});

describe('POST /stream/{fn}, patch protocol', () => {
  it('rebuilds every partial by applying the patches, then sends the final value', async () => {
    const { app } = makeApp(script);
    const events = parseSse(
      await (await post(app, '/stream/Extract?protocol=patch', { text: 'x' })).text(),
    );
    expect(events.at(-1)!.event).toBe('final');
    let value: unknown = null;
    const rebuilt: unknown[] = [];
    for (const event of events.slice(0, -1)) {
      expect(event.event).toBe('patch');
      value = applyPatch(value, JSON.parse(event.data!) as PatchOperation[]);
      rebuilt.push(structuredClone(value));
    }
    expect(rebuilt).toEqual(distinct);
    expect(JSON.parse(events[1]!.data!)).toEqual([{ op: 'replace', path: '/venue', value: 'Ba' }]);
    expect(JSON.parse(events[2]!.data!)).toEqual([{ op: 'append', path: '/venue', value: 'risa' }]);
  });

  it('sends bytes linear in the answer where snapshots are quadratic', async () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i} `);
    const partials = words.map((_, i) => ({
      venue: words.slice(0, i + 1).join(''),
      items: [],
      total: null,
    }));
    const final = partials.at(-1);
    const { app } = makeApp(() => ({ partials, final }));
    const snapshotBytes = (
      await (await post(app, '/stream/Extract?protocol=events', { text: 'x' })).text()
    ).length;
    const patchBytes = (
      await (await post(app, '/stream/Extract?protocol=patch', { text: 'x' })).text()
    ).length;
    const answerBytes = JSON.stringify(final).length;
    expect(snapshotBytes).toBeGreaterThan(100 * answerBytes);
    expect(patchBytes).toBeLessThan(25 * answerBytes);
  });
});

describe('diffPartial / applyPatch', () => {
  const cases: [unknown, unknown][] = [
    [null, { a: 1 }],
    [{ a: 'x' }, { a: 'xy', b: [1] }],
    [{ a: [1, 2, 3] }, { a: [1] }],
    [{ a: [{ n: 'a' }] }, { a: [{ n: 'ab' }, { n: '' }] }],
    [{ 'we/ird~key': 'a' }, { 'we/ird~key': 'ab' }],
    [{ a: 'abc' }, { a: 'xyz' }],
    [{ a: { b: 1 } }, { a: null }],
    ['text', 'text more'],
    [[1, 2], { x: 1 }],
  ];
  it.each(cases)('turns %j into %j', (from, to) => {
    const ops = diffPartial(from, to);
    expect(applyPatch(structuredClone(from), ops)).toEqual(to);
  });

  it('skips shared subtrees and emits nothing for equal values', () => {
    const shared = { big: 'x'.repeat(1000) };
    expect(diffPartial({ s: shared, n: 1 }, { s: shared, n: 1 })).toEqual([]);
    expect(diffPartial({ s: shared, t: 'a' }, { s: shared, t: 'ab' })).toEqual([
      { op: 'append', path: '/t', value: 'b' },
    ]);
  });
});

describe('disconnects', () => {
  it('cancelling the response body aborts the upstream call', async () => {
    const { app, calls } = makeApp(() => ({
      partials: receiptPartials,
      final: receiptFinal,
      delayMs: 20,
    }));
    const response = await post(app, '/stream/Extract?protocol=events', { text: 'x' });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(calls[0]!.options.signal.aborted).toBe(true);
  });

  it('an aborted request signal aborts a /call', async () => {
    const { app, calls } = makeApp(() => ({ final: 1 }));
    const controller = new AbortController();
    controller.abort();
    await app.request('/call/Extract', {
      method: 'POST',
      body: '{"text":"x"}',
      signal: controller.signal,
    });
    expect(calls[0]!.options.signal.aborted).toBe(true);
  });
});

describe('backpressure', () => {
  it('does not pull partials faster than the client reads them', async () => {
    let pulled = 0;
    const app = createServeApp({
      program,
      executor: {
        call: async () => null,
        stream: () => ({
          // An endless, instant producer: only backpressure keeps the server from spinning.
          [Symbol.asyncIterator]: () => ({
            next: async () => ({
              done: false,
              value: { venue: `v${pulled++}`, items: [], total: null },
            }),
          }),
          getFinalResponse: () => new Promise(() => {}),
        }),
      },
    });
    const response = await post(app, '/stream/Extract?protocol=events', { text: 'x' });
    await new Promise((r) => setTimeout(r, 50));
    expect(pulled).toBeLessThan(5);
    const reader = response.body!.getReader();
    for (let i = 0; i < 20; i++) await reader.read();
    await new Promise((r) => setTimeout(r, 20));
    expect(pulled).toBeGreaterThanOrEqual(20);
    expect(pulled).toBeLessThan(30);
    await reader.cancel();
  });
});

describe('keep-alive', () => {
  it('sends SSE comments while the model is silent', async () => {
    const { app } = makeApp(
      () => ({ partials: receiptPartials.slice(0, 2), final: receiptFinal, delayMs: 40 }),
      { heartbeatMs: 5 },
    );
    const events = parseSse(
      await (await post(app, '/stream/Extract?protocol=events', { text: 'x' })).text(),
    );
    expect(events.some((e) => e.comment === 'keep-alive')).toBe(true);
    expect(events.filter((e) => e.event).map((e) => e.event)).toEqual([
      'partial',
      'partial',
      'final',
    ]);
  });
});
