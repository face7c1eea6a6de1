import { describe, expect, it } from 'vitest';
import {
  BamlAbortError,
  BamlClientHttpError,
  BamlError,
  BamlValidationError,
  readNdjsonStream,
  reviveBamlError,
} from './index.js';

/** A stream of the given chunks; `open` leaves it unfinished. */
function streamOf(
  chunks: string[],
  open = false,
): ReadableStream<Uint8Array> & { cancelled?: unknown } {
  const encoder = new TextEncoder();
  const stream: ReadableStream<Uint8Array> & { cancelled?: unknown } = new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      if (!open) controller.close();
    },
    cancel(reason) {
      stream.cancelled = reason ?? 'cancelled';
    },
  });
  return stream;
}

describe('reviveBamlError', () => {
  it('revives our string form, its parsed form, and BAML 0.226.2 StreamError objects', () => {
    const validation = new BamlValidationError('p', 'raw', 'bad');
    const fromString = reviveBamlError(JSON.stringify(validation.toJSON()));
    expect(BamlValidationError.isInstance(fromString)).toBe(true);
    expect(fromString).toMatchObject({ raw_output: 'raw', prompt: 'p', message: 'bad' });
    const http = reviveBamlError({ name: 'BamlClientHttpError', message: 'no', status_code: 401 });
    expect(BamlClientHttpError.isInstance(http)).toBe(true);
    expect((http as BamlClientHttpError).status_code).toBe(401);
    const streamError = reviveBamlError({
      type: 'StreamError',
      message:
        'BamlError: BamlClientError: BamlClientHttpError: Request failed with status code: 401 Unauthorized',
      prompt: '',
      raw_output: '',
    });
    expect(streamError.name).toBe('BamlClientHttpError');
    expect((streamError as BamlClientHttpError).status_code).toBe(401);
    expect(reviveBamlError('something broke')).toBeInstanceOf(BamlError);
  });
});

describe('readNdjsonStream', () => {
  it('splits lines across chunks, reports partials in order and resolves the final', async () => {
    const partials: unknown[] = [];
    const final = await readNdjsonStream(
      streamOf(['{"partial":{"a":', '1}}\n{"partial":{"a":2}}\n{"fin', 'al":{"a":3}}']),
      { onPartial: (p) => partials.push(p) },
    );
    expect(partials).toEqual([{ a: 1 }, { a: 2 }]);
    expect(final).toEqual({ a: 3 });
  });

  it('an error line rejects typed; a stream without a final rejects instead of hanging', async () => {
    const line = JSON.stringify({
      error: JSON.stringify({ name: 'BamlAbortError', message: 'x' }),
    });
    const e1 = await readNdjsonStream(streamOf([`${line}\n`])).catch((e: any) => e);
    expect(BamlAbortError.isInstance(e1)).toBe(true);
    const e2: any = await readNdjsonStream(streamOf(['{"partial":1}\n'])).catch((e: any) => e);
    expect(BamlError.isInstance(e2)).toBe(true);
    expect(e2.message).toMatch(/without a final value/);
  });

  it('an abort cancels the stream and rejects with BamlAbortError', async () => {
    const stream = streamOf(['{"partial":1}\n'], true);
    const controller = new AbortController();
    const pending = readNdjsonStream(stream, {
      signal: controller.signal,
      onPartial: () => controller.abort('reset'),
    });
    const error: any = await pending.catch((e: any) => e);
    expect(BamlAbortError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('reset');
    expect(stream.cancelled).toBe('reset');
  });
});
