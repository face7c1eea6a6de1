// The typed client for tsbaml serve (src/runtime/serve), against the app in process.
import { describe, expect, it } from 'vitest';
import { BamlValidationError } from '../../src/runtime/errors/index.js';
import {
  applyPatch,
  callServe,
  diffPartial,
  streamFromServe,
} from '../../src/runtime/serve/index.js';
import { makeApp, receiptFinal, receiptPartials } from './fixtures.js';

const script = () => ({ partials: receiptPartials, final: receiptFinal });

function options(app: {
  request: (url: string, init?: RequestInit) => Response | Promise<Response>;
}) {
  return {
    baseUrl: 'http://serve.test/',
    fetch: ((url: string, init?: RequestInit) => app.request(url, init)) as typeof fetch,
  };
}

/** Distinct consecutive partials, as the server sends them. */
const distinct = receiptPartials.filter(
  (p, i) => i === 0 || JSON.stringify(p) !== JSON.stringify(receiptPartials[i - 1]),
);

describe('streamFromServe', () => {
  for (const protocol of ['patch', 'events'] as const) {
    it(`${protocol}: yields each partial, then the final value`, async () => {
      const { app } = makeApp(script);
      const stream = streamFromServe('Extract', { text: 'x' }, { ...options(app), protocol });
      const seen: unknown[] = [];
      for await (const partial of stream) seen.push(partial);
      expect(seen.at(-1)).toEqual(distinct.at(-1));
      expect(seen.length).toBeGreaterThan(1);
      expect(await stream.getFinalResponse()).toEqual(receiptFinal);
    });
  }

  it('patch partials are new objects per change and never change afterwards', async () => {
    const { app } = makeApp(script);
    const stream = streamFromServe('Extract', { text: 'x' }, options(app));
    const seen: unknown[] = [];
    const frozen: string[] = [];
    for await (const partial of stream) {
      seen.push(partial);
      frozen.push(JSON.stringify(partial));
    }
    expect(seen.map((p) => JSON.stringify(p))).toEqual(frozen);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).not.toBe(seen[i - 1]);
  });

  it('an error after the start arrives typed from the iterator and getFinalResponse', async () => {
    const error = new BamlValidationError('p', 'raw', 'Failed to parse');
    const { app } = makeApp(() => ({ partials: receiptPartials.slice(0, 2), error }));
    const stream = streamFromServe('Extract', { text: 'x' }, options(app));
    const fromFinal: any = await stream.getFinalResponse().catch((e: any) => e);
    expect(BamlValidationError.isInstance(fromFinal)).toBe(true);
    expect(fromFinal.raw_output).toBe('raw');
  });

  it('an error response before the start is typed too (unknown function)', async () => {
    const { app } = makeApp(script);
    const stream = streamFromServe('Nope', {}, options(app));
    const error: any = await stream.getFinalResponse().catch((e: any) => e);
    expect(error.name).toBe('BamlInvalidArgumentError');
  });

  it('callServe returns the final value', async () => {
    const { app } = makeApp(script);
    expect(await callServe('Extract', { text: 'x' }, options(app))).toEqual(receiptFinal);
  });
});

describe('applyPatch copyOnWrite', () => {
  it('leaves the old document untouched and shares unchanged subtrees', () => {
    const before = { a: { s: 'he' }, b: { n: 1 }, list: [1] };
    const next = { a: { s: 'hello' }, b: before.b, list: [1, 2] };
    const after: any = applyPatch(before, diffPartial(before, next), { copyOnWrite: true });
    expect(after).toEqual(next);
    expect(before).toEqual({ a: { s: 'he' }, b: { n: 1 }, list: [1] });
    expect(after.b).toBe(before.b);
  });
});
