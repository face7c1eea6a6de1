// BamlStream: what `b.stream.Fn(...)` returns. An async iterable of partial values plus the
// final value, like BAML's, with three deliberate differences:
// - partials arrive as soon as they are parsed (BAML polls its queue every 100 ms);
// - a slow consumer gets the newest partial rather than a backlog (see latest-value-channel.ts);
// - `getFinalResponse()` rejects with the typed error (BAML 0.226.2 rejects with a plain
//   `Error` holding JSON), and the iterator throws as soon as the stream fails.
// Like BAML, an abort ends the iterator quietly (the caller asked for it) and
// `getFinalResponse()` rejects with `BamlAbortError`.
import { abortErrorFor } from '../errors/baml-abort-error.js';
import { BamlAbortError, toBamlError } from '../errors/index.js';
import { LatestValueChannel, type NOTHING_NEW } from './latest-value-channel.js';

/** What the pipeline behind a stream reports to it. */
export interface StreamSink<P> {
  /** A new partial value. */
  partial(value: P): void;
  /**
   * A partial that may have changed, built by `compute` only when the consumer asks for it
   * (`NOTHING_NEW` when it did not change after all).
   */
  partialLazy(compute: () => P | typeof NOTHING_NEW): void;
  /** Builds a pending lazy partial now, so that it is ordered before what comes next. */
  flush(): void;
}

/**
 * Runs the pipeline: emits partials through `sink`, resolves with the final value. Rejecting
 * with a `SplitStreamError` shows the iterator and `getFinalResponse()` different errors.
 */
export type StreamProducer<P, F> = (sink: StreamSink<P>, signal: AbortSignal) => Promise<F>;

/** An error that the iterator and `getFinalResponse()` should report differently. */
export class SplitStreamError extends Error {
  constructor(
    readonly forIterator: unknown,
    readonly forFinal: unknown,
  ) {
    super('split stream error');
  }
}

/**
 * A streamed call: iterate it for partial values (typed `P`), then await `getFinalResponse()`
 * for the validated final value (typed `F`).
 *
 * @example
 * const stream = b.stream.ExtractPerson(text);
 * for await (const partial of stream) render(partial);
 * const person = await stream.getFinalResponse();
 */
export class BamlStream<P, F> implements AsyncIterable<P> {
  readonly #channel = new LatestValueChannel<P>();
  readonly #final: Promise<F>;
  readonly #controller = new AbortController();
  /** Stops the call as an abort would (used when a `toStreamable()` reader cancels). */
  readonly #cancel: (reason: unknown) => void;

  /** @internal Streams are created by the generated client (`b.stream.Fn`). */
  constructor(producer: StreamProducer<P, F>, signal?: AbortSignal) {
    const controller = this.#controller;
    let rejectOnAbort: (error: unknown) => void = () => {};
    const aborted = new Promise<never>((_, reject) => {
      rejectOnAbort = reject;
    });
    const onAbort = () => {
      controller.abort(signal?.reason);
      this.#channel.cancel();
      rejectOnAbort(abortErrorFor(signal));
    };
    this.#cancel = (reason) => {
      if (controller.signal.aborted) return;
      controller.abort(reason);
      this.#channel.cancel();
      rejectOnAbort(new BamlAbortError('Operation was aborted', reason));
    };
    if (signal?.aborted) queueMicrotask(onAbort);
    else signal?.addEventListener('abort', onAbort, { once: true });

    const channel = this.#channel;
    const sink: StreamSink<P> = {
      partial: (value) => channel.publish(value),
      partialLazy: (compute) => channel.publishLazy(compute),
      flush: () => channel.flush(),
    };
    const run = (async () => {
      await Promise.resolve(); // start after the caller has the stream object
      if (controller.signal.aborted) throw abortErrorFor(signal);
      return producer(sink, controller.signal);
    })();

    this.#final = Promise.race([run, aborted]).then(
      (value) => {
        this.#channel.close();
        return value;
      },
      (error: unknown) => {
        if (error instanceof SplitStreamError) {
          this.#channel.fail(toBamlError(error.forIterator));
          throw toBamlError(error.forFinal);
        }
        const typed = !controller.signal.aborted
          ? toBamlError(error)
          : BamlAbortError.isInstance(error)
            ? error
            : abortErrorFor(signal, { cause: error });
        if (BamlAbortError.isInstance(typed)) this.#channel.cancel();
        else this.#channel.fail(typed);
        throw typed;
      },
    );
    this.#final.finally(() => signal?.removeEventListener('abort', onAbort)).catch(() => {});
    // Nobody may ever ask for the final value; that must not be an unhandled rejection.
    this.#final.catch(() => {});
    run.catch(() => {});
  }

  /** Yields each new partial value; throws (a `BamlError`) if the stream fails. */
  [Symbol.asyncIterator](): AsyncIterator<P, undefined> {
    return { next: () => this.#channel.next() };
  }

  /** The final, fully validated value; rejects with a `BamlError` subclass on failure. */
  getFinalResponse(): Promise<F> {
    return this.#final;
  }

  /**
   * The stream as NDJSON bytes, for sending to a browser: one line per event, `{"partial": …}`,
   * then `{"final": …}` or `{"error": "<the error's JSON>"}` (a string, as BAML's server sends
   * it, so BAML's own hooks decode it too). Cancelling the stream aborts the LLM call.
   */
  toStreamable(): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    const line = (value: unknown) => encoder.encode(`${JSON.stringify(value)}\n`);
    const iterator = this[Symbol.asyncIterator]();
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        try {
          const step = await iterator.next();
          if (!step.done) {
            controller.enqueue(line({ partial: step.value }));
            return;
          }
          controller.enqueue(line({ final: await this.#final }));
        } catch (error) {
          const typed = toBamlError(error);
          controller.enqueue(line({ error: JSON.stringify(typed.toJSON()) }));
        }
        controller.close();
      },
      cancel: (reason) => this.#cancel(reason),
    });
  }
}
