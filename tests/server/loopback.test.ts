import { afterEach, describe, expect, it } from 'vitest';
import { createServeApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/node-server.js';
import { makeApp, parseSse, program, receiptFinal, receiptPartials } from './fixtures.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(...args: Parameters<typeof makeApp>) {
  const made = makeApp(...args);
  server = await listen(made.app, { port: 0, hostname: '127.0.0.1' });
  return { ...made, url: server.url };
}

const waitFor = async (condition: () => boolean, ms = 2000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('over a real loopback socket', () => {
  it('serves /call, /stream (all protocols) and the debug routes', async () => {
    const { url } = await start(() => ({ partials: receiptPartials, final: receiptFinal }), {
      password: 'sk-baml-x',
    });
    expect(await (await fetch(`${url}/_debug/ping`)).text()).toMatch(/^pong/);
    const headers = { 'content-type': 'application/json', 'x-baml-api-key': 'sk-baml-x' };
    const call = await fetch(`${url}/call/Extract`, {
      method: 'POST',
      headers,
      body: '{"text":"x"}',
    });
    expect(await call.json()).toEqual(receiptFinal);
    for (const protocol of ['baml', 'events', 'patch']) {
      const response = await fetch(`${url}/stream/Extract?protocol=${protocol}`, {
        method: 'POST',
        headers,
        body: '{"text":"x"}',
      });
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const events = parseSse(await response.text());
      expect(JSON.parse(events.at(-1)!.data!)).toEqual(receiptFinal);
    }
    const denied = await fetch(`${url}/call/Extract`, { method: 'POST', body: '{"text":"x"}' });
    expect(denied.status).toBe(403);
    expect(await denied.text()).toBe('No authorization metadata');
  });

  it('aborts the upstream call when the client disconnects mid-stream', async () => {
    const many = Array.from({ length: 200 }, (_, i) => ({
      venue: 'v'.repeat(i + 1),
      items: [],
      total: null,
    }));
    const { url, calls } = await start(() => ({
      partials: many,
      final: receiptFinal,
      delayMs: 10,
    }));
    const controller = new AbortController();
    const response = await fetch(`${url}/stream/Extract`, {
      method: 'POST',
      body: '{"text":"x"}',
      headers: { 'content-type': 'application/json' },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await waitFor(() => calls[0]?.options.signal.aborted === true);
  });

  it('aborts a /call when the client disconnects before the answer', async () => {
    let signal: AbortSignal | undefined;
    const app = createServeApp({
      program,
      executor: {
        call: (_name, _args, options) => {
          signal = options.signal;
          // Never answers: only the abort ends it, as a slow LLM request would.
          return new Promise((_, reject) =>
            options.signal.addEventListener('abort', () => reject(new Error('aborted'))),
          );
        },
        stream: () => {
          throw new Error('unused');
        },
      },
    });
    server = await listen(app, { port: 0, hostname: '127.0.0.1' });
    const controller = new AbortController();
    const pending = fetch(`${server.url}/call/Extract`, {
      method: 'POST',
      body: '{"text":"x"}',
      signal: controller.signal,
    }).catch(() => null);
    await waitFor(() => signal !== undefined);
    controller.abort();
    await pending;
    await waitFor(() => signal?.aborted === true);
  });
});
