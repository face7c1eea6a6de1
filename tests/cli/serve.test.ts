import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReplayServer, startReplayServer } from '../../demo/replay-server.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runServe } from '../../src/cli/commands/serve.js';
import { loadDefaultToolchain } from '../../src/cli/default-toolchain.js';
import { applyPatch, type PatchOperation } from '../../src/runtime/serve/partial-patch.js';
import type { RunningServer } from '../../src/server/node-server.js';
import { parseSse } from '../server/fixtures.js';

// `tsbaml serve` end to end: the real compiler, runtime, provider client and parser, serving the
// demo's baml_src, with the demo's OpenAI replay server as the provider.
const demo = fileURLToPath(new URL('../../demo/', import.meta.url));
const answer = readFileSync(new URL('../../demo/replay-answer.txt', import.meta.url), 'utf8');
const receipt = readFileSync(new URL('../../demo/receipt.txt', import.meta.url), 'utf8');

describe('tsbaml serve (real pipeline)', () => {
  let provider: ReplayServer;
  let server: RunningServer;
  const stop = new AbortController();
  let exited: Promise<number>;
  const io = memoryIo(demo, {});

  beforeAll(async () => {
    provider = await startReplayServer({ answer, tokensPerSecond: 500, firstTokenMs: 0 });
    const listening = new Promise<RunningServer>((resolve) => {
      exited = loadDefaultToolchain().then((toolchain) =>
        runServe(
          { from: 'baml_src', port: 0, host: '127.0.0.1', stop: stop.signal, onListening: resolve },
          toolchain,
          io,
        ),
      );
    });
    server = await listening;
  });
  afterAll(async () => {
    stop.abort();
    expect(await exited).toBe(0);
    await provider.close();
  });

  const body = () =>
    JSON.stringify({
      receipt,
      __baml_options__: {
        client_registry: { clients: [], primary: 'OfflineReplay' },
        env: { TSBAML_DEMO_REPLAY_URL: provider.url },
      },
    });
  const postTo = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(),
      ...init,
    });

  it('prints where it listens', () => {
    expect(io.stderr).toContain('tsbaml serve: 1 function on http://127.0.0.1:');
    expect(io.stderr).toContain('Authentication: off');
  });

  it('/call returns the validated receipt', async () => {
    const response = await postTo('/call/ExtractReceiptInfo');
    expect(response.status).toBe(200);
    const value = await response.json();
    expect(value.venue).toBe('ox_burger');
    expect(value.items).toHaveLength(5);
    expect(value.total_cost).toBe(81.56);
  });

  it('/stream?protocol=patch rebuilds growing partials and ends with the same final value', async () => {
    const events = parseSse(
      await (await postTo('/stream/ExtractReceiptInfo?protocol=patch')).text(),
    );
    let value: unknown = null;
    const snapshots: unknown[] = [];
    for (const event of events.filter((e) => e.event === 'patch')) {
      value = applyPatch(value, JSON.parse(event.data!) as PatchOperation[]);
      snapshots.push(structuredClone(value));
    }
    // The runtime hands a slow reader the newest partial, so how many arrive depends on load;
    // there is always the empty partial at the start and the complete one at the end.
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
    const final = JSON.parse(events.at(-1)!.data!);
    expect(events.at(-1)!.event).toBe('final');
    expect(snapshots.at(-1)).toEqual(final);
    expect((snapshots[0] as { items: unknown[] }).items).toEqual([]);
  });

  it('a validation failure is a 500 validation_failure with the raw output', async () => {
    const broken = await startReplayServer({
      answer: 'I cannot read this receipt, sorry.',
      tokensPerSecond: 5000,
      firstTokenMs: 0,
    });
    try {
      const response = await fetch(`${server.url}/call/ExtractReceiptInfo`, {
        method: 'POST',
        body: JSON.stringify({
          receipt,
          __baml_options__: {
            client_registry: { clients: [], primary: 'OfflineReplay' },
            env: { TSBAML_DEMO_REPLAY_URL: broken.url },
          },
        }),
      });
      expect(response.status).toBe(500);
      const error = await response.json();
      expect(error.error).toBe('validation_failure');
      expect(error.raw_output).toBe('I cannot read this receipt, sorry.');
    } finally {
      await broken.close();
    }
  });

  it('a client disconnecting mid-stream closes the provider request', async () => {
    const slow = await startReplayServer({ answer, tokensPerSecond: 20, firstTokenMs: 0 });
    try {
      const controller = new AbortController();
      const response = await fetch(`${server.url}/stream/ExtractReceiptInfo`, {
        method: 'POST',
        body: JSON.stringify({
          receipt,
          __baml_options__: {
            client_registry: { clients: [], primary: 'OfflineReplay' },
            env: { TSBAML_DEMO_REPLAY_URL: slow.url },
          },
        }),
        signal: controller.signal,
      });
      await response.body!.getReader().read();
      expect(slow.stats.open).toBe(1);
      controller.abort();
      const deadline = Date.now() + 3000;
      while (slow.stats.open > 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      expect(slow.stats.open).toBe(0);
    } finally {
      await slow.close();
    }
  });
});
