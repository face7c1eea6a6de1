// Encodes a running function stream as server-sent events, in one of three protocols:
//
// - `baml` (default, what `baml-cli serve` sends): `data: <partial>` per change and the final
//   value last. BAML ends the stream silently on an error; we add an SSE comment line
//   (`: error {…}`) that every SSE parser ignores but a person running curl can read.
// - `events`: named events with ids, `partial` / `final` / `error`.
// - `patch`: like `events`, but partials are `patch` events holding the operations from the
//   previous partial to the next (see src/runtime/serve/partial-patch.ts), so bytes grow
//   linearly with the answer.

import { diffPartial, type PatchOperation } from '../runtime/serve/partial-patch.js';
import { errorResponseFor } from './error-body.js';

/** The wire format of `/stream/{fn}`. */
export type StreamProtocol = 'baml' | 'events' | 'patch';

/** The stream protocols, as accepted by `?protocol=` and `Accept: text/event-stream; protocol=`. */
export const STREAM_PROTOCOLS: readonly StreamProtocol[] = ['baml', 'events', 'patch'];

/** Inputs of `sseStream`. */
export interface SseStreamOptions {
  protocol: StreamProtocol;
  /** The first iterator result, already pulled so errors before it became a JSON response. */
  first: IteratorResult<unknown>;
  iterator: AsyncIterator<unknown>;
  finalResponse: () => Promise<unknown>;
  /** Applied to each partial before it is sent (strips stream-state wrappers in `baml` mode). */
  toWire?: (partial: unknown) => unknown;
  /** Cancels the upstream call: the HTTP client went away. */
  abort: (reason: unknown) => void;
  /** Interval of `: keep-alive` comments that keep proxies from closing an idle stream. */
  heartbeatMs: number;
  /** Told about errors that ended a stream after it started (for logging). */
  onError?: (error: unknown) => void;
  /** Called once when the stream ends, however it ends. */
  onClose?: () => void;
  /**
   * (tsbaml) The call's log: with it, `events` and `patch` send a `log` event just before the
   * `final` or `error` event (`baml` has no named events and sends none).
   */
  log?: () => unknown;
  /** (tsbaml) With `log`: a `log` event (the log so far) also comes before each partial. */
  logEachPartial?: boolean;
}

/** The response headers of every event stream. */
export const SSE_HEADERS: Record<string, string> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
};

/** Turns a function stream into an SSE byte stream; cancelling it aborts the upstream call. */
export function sseStream(options: SseStreamOptions): ReadableStream<Uint8Array> {
  const { protocol, iterator, toWire = (p) => p } = options;
  const encoder = new TextEncoder();
  let closed = false;
  let eventId = 0;
  let lastJson: string | undefined;
  let previous: unknown;
  let started = false;

  const event = (name: string, data: string) =>
    `id: ${++eventId}\nevent: ${name}\ndata: ${data}\n\n`;

  const encodePartial = (partial: unknown): string | null => {
    const wire = toWire(partial);
    if (protocol === 'patch') {
      const operations: PatchOperation[] = started
        ? diffPartial(previous, wire)
        : [{ op: 'replace', path: '', value: wire }];
      started = true;
      previous = wire;
      return operations.length === 0 ? null : tick() + event('patch', JSON.stringify(operations));
    }
    const json = JSON.stringify(wire) ?? 'null';
    // Consecutive identical partials are sent once (BAML sends duplicates: its issue #2011).
    if (json === lastJson) return null;
    lastJson = json;
    return protocol === 'baml' ? `data: ${json}\n\n` : tick() + event('partial', json);
  };

  const encodeLog = (): string =>
    options.log && protocol !== 'baml' ? event('log', JSON.stringify(options.log() ?? null)) : '';
  const tick = (): string => (options.logEachPartial ? encodeLog() : '');

  const encodeFinal = (value: unknown): string => {
    const json = JSON.stringify(value) ?? 'null';
    return protocol === 'baml' ? `data: ${json}\n\n` : encodeLog() + event('final', json);
  };

  const encodeError = (error: unknown): string => {
    const { status, body } = errorResponseFor(error);
    const json = JSON.stringify({ ...body, status });
    return protocol === 'baml' ? `: error ${json}\n\n` : encodeLog() + event('error', json);
  };

  // Backpressure: the next partial is only requested once the client has taken what was sent.
  // A slow client therefore never makes the server queue events; the runtime's stream hands it
  // the newest partial instead of a backlog.
  let wake: (() => void) | null = null;
  const wakeUp = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string | null) => {
        if (text !== null && !closed) controller.enqueue(encoder.encode(text));
      };
      const ready = () =>
        closed || controller.desiredSize === null || controller.desiredSize > 0
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              wake = resolve;
            });
      const heartbeat = setInterval(() => send(': keep-alive\n\n'), options.heartbeatMs);
      (heartbeat as { unref?: () => void }).unref?.();
      const pump = async () => {
        try {
          let result = options.first;
          while (!result.done) {
            send(encodePartial(result.value));
            await ready();
            if (closed) return;
            result = await iterator.next();
          }
          if (closed) return;
          send(encodeFinal(await options.finalResponse()));
        } catch (error) {
          if (closed) return;
          options.onError?.(error);
          send(encodeError(error));
        } finally {
          clearInterval(heartbeat);
          options.onClose?.();
          if (!closed) {
            closed = true;
            controller.close();
          }
        }
      };
      void pump();
    },
    pull() {
      wakeUp();
    },
    cancel(reason) {
      closed = true;
      wakeUp();
      options.abort(reason ?? new Error('The client closed the stream'));
      // Let the iterator release what it holds; its pending next() settles through the abort.
      void Promise.resolve(iterator.return?.()).catch(() => {});
    },
  });
}

/**
 * Picks the protocol from `?protocol=` or from a `protocol=` parameter of the Accept header.
 * Returns `null` for an unknown name so the caller can answer 400.
 */
export function negotiateProtocol(url: URL, accept: string | null): StreamProtocol | null {
  const fromQuery = url.searchParams.get('protocol');
  const fromAccept = accept?.match(
    /text\/event-stream\s*;[^,]*\bprotocol\s*=\s*"?([\w-]+)"?/i,
  )?.[1];
  const name = (fromQuery ?? fromAccept ?? 'baml').toLowerCase();
  return (STREAM_PROTOCOLS as readonly string[]).includes(name) ? (name as StreamProtocol) : null;
}
