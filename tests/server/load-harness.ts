// Drives `tsbaml serve` with many concurrent /stream clients over loopback, against a fake
// OpenAI provider (the demo's replay server), and reports what happened. Used by load.test.ts
// (assertions) and bench/serve.ts (numbers).
import { createParser } from 'eventsource-parser';
import { startReplayServer } from '../../demo/replay-server.js';
import { createServeApp } from '../../src/server/app.js';
import type { FunctionExecutor } from '../../src/server/executor.js';
import { listen } from '../../src/server/node-server.js';
import type { StreamProtocol } from '../../src/server/sse-stream.js';
import { program } from './fixtures.js';

/** One load run. */
export interface LoadOptions {
  clients: number;
  protocol: StreamProtocol;
  /** Disconnect each client after its first event instead of reading to the end. */
  disconnectEarly?: boolean;
  /** Length of the fake answer in tokens, and their pace. */
  tokens?: number;
  tokensPerSecond?: number;
  /** Builds the executor that calls the provider at `providerUrl` (default: a minimal fetch-based one). */
  executor?: (providerUrl: string) => FunctionExecutor;
}

/** What a load run observed. */
export interface LoadReport {
  completed: number;
  failed: number;
  /** Response bytes received by all clients. */
  bytes: number;
  ms: number;
  /** Provider streams still open once every client is done (should be 0). */
  upstreamOpen: number;
  upstreamRequests: number;
}

/** The fake answer: a JSON object whose `venue` string grows token by token. */
export function answerOf(tokens: number): string {
  return `{"venue": "${Array.from({ length: tokens }, (_, i) => `w${i}`).join(' ')}", "items": [], "total": 1.5}`;
}

/** A fake provider and a listening `serve` in front of it, reusable across load runs. */
export interface LoadRig {
  run(options: Omit<LoadOptions, 'executor' | 'tokens' | 'tokensPerSecond'>): Promise<LoadReport>;
  close(): Promise<void>;
}

/** Starts the provider and the server once; `run` then drives clients against them. */
export async function startLoadRig(
  options: Pick<LoadOptions, 'tokens' | 'tokensPerSecond' | 'executor'> = {},
): Promise<LoadRig> {
  const provider = await startReplayServer({
    answer: answerOf(options.tokens ?? 40),
    tokensPerSecond: options.tokensPerSecond ?? 200,
    firstTokenMs: 5,
  });
  const executor = (options.executor ?? fetchExecutor)(provider.url);
  const server = await listen(createServeApp({ program, executor, heartbeatMs: 60_000 }), {
    port: 0,
    hostname: '127.0.0.1',
  });
  return {
    async run(run) {
      const requestsBefore = provider.stats.requests;
      const started = Date.now();
      let bytes = 0;
      let failed = 0;
      const one = async () => {
        const controller = new AbortController();
        try {
          const response = await fetch(`${server.url}/stream/Extract?protocol=${run.protocol}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"text":"receipt"}',
            signal: controller.signal,
          });
          if (response.status !== 200) throw new Error(`status ${response.status}`);
          const reader = response.body!.getReader();
          let last = '';
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            bytes += value.byteLength;
            last = new TextDecoder().decode(value);
            if (run.disconnectEarly) {
              controller.abort();
              return;
            }
          }
          if (!last.includes('1.5')) throw new Error('stream ended without the final value');
        } catch (error) {
          if (!(run.disconnectEarly && (error as Error).name === 'AbortError')) failed++;
        }
      };
      await Promise.all(Array.from({ length: run.clients }, one));
      const ms = Date.now() - started;
      // Give aborts a moment to travel: client → serve → executor → provider socket.
      const deadline = Date.now() + 5000;
      while (provider.stats.open > 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      return {
        completed: run.clients - failed,
        failed,
        bytes,
        ms,
        upstreamOpen: provider.stats.open,
        upstreamRequests: provider.stats.requests - requestsBefore,
      };
    },
    async close() {
      await server.close();
      await provider.close();
    },
  };
}

/** Runs one load scenario on a fresh rig and tears it down. */
export async function runServeLoad(options: LoadOptions): Promise<LoadReport> {
  const rig = await startLoadRig(options);
  try {
    return await rig.run(options);
  } finally {
    await rig.close();
  }
}

/**
 * A minimal executor standing in for the runtime: POSTs to the provider, reads its SSE and
 * yields `{ venue, items, total }` built from the text so far (no real parsing: this measures the
 * server, not the parser). The signal aborts the provider request, as the runtime's does.
 */
export function fetchExecutor(providerUrl: string): FunctionExecutor {
  const run = async function* (signal: AbortSignal): AsyncGenerator<unknown, unknown> {
    const response = await fetch(`${providerUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'fake', stream: true, messages: [] }),
      signal,
    });
    const queue: string[] = [];
    const parser = createParser({
      onEvent: (event) => {
        if (event.data === '[DONE]') return;
        const delta = JSON.parse(event.data).choices?.[0]?.delta?.content;
        if (typeof delta === 'string') queue.push(delta);
      },
    });
    const decoder = new TextDecoder();
    let text = '';
    for await (const part of response.body as unknown as AsyncIterable<Uint8Array>) {
      parser.feed(decoder.decode(part, { stream: true }));
      while (queue.length > 0) {
        text += queue.shift();
        const venue = /"venue": "([^"]*)/.exec(text)?.[1] ?? null;
        yield { venue, items: [], total: null };
      }
    }
    return JSON.parse(text);
  };
  return {
    async call(_name, _args, options) {
      const iterator = run(options.signal);
      for (;;) {
        const step = await iterator.next();
        if (step.done) return step.value;
      }
    },
    stream(_name, _args, options) {
      const iterator = run(options.signal);
      let resolveFinal: (value: unknown) => void = () => {};
      let rejectFinal: (error: unknown) => void = () => {};
      const final = new Promise<unknown>((resolve, reject) => {
        resolveFinal = resolve;
        rejectFinal = reject;
      });
      final.catch(() => {});
      return {
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            try {
              const step = await iterator.next();
              if (step.done) {
                resolveFinal(step.value);
                return { done: true, value: undefined };
              }
              return step;
            } catch (error) {
              rejectFinal(error);
              throw error;
            }
          },
        }),
        getFinalResponse: () => final,
      };
    },
  };
}
