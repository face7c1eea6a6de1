// (tsbaml) `__baml_options__.tags` and `collect`: the call's tags reach the runtime, and with
// `collect` the answer carries the call's log (what a Python Collector needs in serve mode).
import { describe, expect, it } from 'vitest';
import { newFunctionLog } from '../../src/runtime/client/collector.js';
import { BamlValidationError } from '../../src/runtime/errors/index.js';
import { createServeApp } from '../../src/server/app.js';
import type { ExecuteOptions, FunctionExecutor } from '../../src/server/executor.js';
import { parseSse, post, program, receiptFinal, receiptPartials } from './fixtures.js';

/** An executor that records a log into the request's collector, as the runtime does. */
function loggingApp(outcome: { error?: unknown; errorFirst?: unknown } = {}) {
  const seen: ExecuteOptions[] = [];
  const record = (name: string, kind: 'call' | 'stream', options: ExecuteOptions) => {
    seen.push(options);
    const log = newFunctionLog(name, kind, options.tags ?? {});
    log.rawLlmResponse = JSON.stringify(receiptFinal);
    options.collector?._start(log);
  };
  const executor: FunctionExecutor = {
    async call(name, _args, options) {
      record(name, 'call', options);
      if (outcome.error) throw outcome.error;
      return receiptFinal;
    },
    stream(name, _args, options) {
      record(name, 'stream', options);
      async function* partials() {
        if (outcome.errorFirst) throw outcome.errorFirst;
        yield* receiptPartials.slice(0, 2);
        if (outcome.error) throw outcome.error;
      }
      const final = outcome.error ?? outcome.errorFirst;
      return {
        [Symbol.asyncIterator]: () => partials(),
        getFinalResponse: () => (final ? Promise.reject(final) : Promise.resolve(receiptFinal)),
      };
    },
  };
  return { app: createServeApp({ program, executor, env: () => ({}) }), seen };
}

const collect = { tags: { user: 'u1' }, collect: true };

describe('__baml_options__ tags and collect (tsbaml)', () => {
  it('/call: the tags reach the executor; with collect the body is {value, log}', async () => {
    const { app, seen } = loggingApp();
    const response = await post(app, '/call/Extract', { text: 'x', __baml_options__: collect });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.value).toEqual(receiptFinal);
    expect(body.log).toMatchObject({
      functionName: 'Extract',
      logType: 'call',
      tags: { user: 'u1' },
    });
    expect(seen[0]!.tags).toEqual({ user: 'u1' });
    // Without collect the body is the value alone, as in BAML, and no collector is made.
    const plain = await post(app, '/call/Extract', {
      text: 'x',
      __baml_options__: { tags: { a: 'b' } },
    });
    expect(await plain.json()).toEqual(receiptFinal);
    expect(seen[1]!.collector).toBeUndefined();
    expect(seen[1]!.tags).toEqual({ a: 'b' });
  });

  it('/call: an error body carries the log too', async () => {
    const { app } = loggingApp({ error: new BamlValidationError('p', 'raw', 'Failed to parse') });
    const response = await post(app, '/call/Extract', { text: 'x', __baml_options__: collect });
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      error: 'validation_failure',
      log: { functionName: 'Extract', tags: { user: 'u1' } },
    });
  });

  it('/stream events and patch: a log event comes just before final or error; baml sends none', async () => {
    for (const protocol of ['events', 'patch']) {
      const { app } = loggingApp();
      const text = await (
        await post(app, `/stream/Extract?protocol=${protocol}`, {
          text: 'x',
          __baml_options__: collect,
        })
      ).text();
      const events = parseSse(text);
      expect(events.map((e) => e.event).slice(-2)).toEqual(['log', 'final']);
      expect(JSON.parse(events.at(-2)!.data!)).toMatchObject({
        logType: 'stream',
        tags: { user: 'u1' },
      });
      expect(events.filter((e) => e.event === 'log')).toHaveLength(1);
    }
    const failing = loggingApp({ error: new BamlValidationError('p', 'raw', 'Failed to parse') });
    const events = parseSse(
      await (
        await post(failing.app, '/stream/Extract?protocol=events', {
          text: 'x',
          __baml_options__: collect,
        })
      ).text(),
    );
    expect(events.map((e) => e.event).slice(-2)).toEqual(['log', 'error']);
    const baml = parseSse(
      await (
        await post(loggingApp().app, '/stream/Extract', { text: 'x', __baml_options__: collect })
      ).text(),
    );
    expect(baml.some((e) => e.event !== undefined)).toBe(false);
    expect(JSON.parse(baml.at(-1)!.data!)).toEqual(receiptFinal);
  });

  it('/stream with tick: a log event before each partial too', async () => {
    const { app } = loggingApp();
    const options = { ...collect, tick: true };
    for (const protocol of ['events', 'patch']) {
      const events = parseSse(
        await (
          await post(app, `/stream/Extract?protocol=${protocol}`, {
            text: 'x',
            __baml_options__: options,
          })
        ).text(),
      );
      const names = events.map((e) => e.event);
      const partials = names.filter((n) => n === 'partial' || n === 'patch').length;
      expect(partials).toBeGreaterThan(0);
      expect(names.filter((n) => n === 'log')).toHaveLength(partials + 1);
      names.forEach((n, i) => {
        if (n !== 'log') expect(names[i - 1]).toBe('log');
      });
    }
  });

  it('/stream: an error before the first partial is a JSON body with the log', async () => {
    const { app } = loggingApp({ errorFirst: new BamlValidationError('p', 'raw', 'no') });
    const response = await post(app, '/stream/Extract?protocol=events', {
      text: 'x',
      __baml_options__: collect,
    });
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ log: { logType: 'stream' } });
  });

  it('bad tags, collect or tick → 400', async () => {
    const { app, seen } = loggingApp();
    for (const options of [{ tags: 'x' }, { tags: { a: 1 } }, { collect: 'yes' }, { tick: 1 }]) {
      const response = await post(app, '/call/Extract', { text: 'x', __baml_options__: options });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toBe('invalid_argument');
    }
    expect(seen).toHaveLength(0);
  });
});
