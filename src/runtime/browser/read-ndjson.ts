// The client end of a streaming server action (and of `BamlStream.toStreamable()`): reads the
// NDJSON lines `{"partial": P}` … then `{"final": F}` or `{"error": E}`, across chunk boundaries.

import { BamlAbortError } from '../errors/baml-abort-error.js';
import { BamlError } from '../errors/baml-error.js';
import { reviveBamlError } from './revive-error.js';

export interface ReadNdjsonOptions<P> {
  /** Called for every `{"partial": …}` line, in order. */
  onPartial?: (partial: P) => void;
  /** Stops reading and cancels the stream (which aborts the LLM call behind it). */
  signal?: AbortSignal;
}

/**
 * Reads a streaming action's NDJSON to its end. Resolves with the final value; rejects with a
 * typed error for an `error` line, a line that is not JSON, a stream that ends without a final
 * value (cut connection), or an abort (`BamlAbortError`, after cancelling the stream).
 */
export async function readNdjsonStream<P, F>(
  stream: ReadableStream<Uint8Array>,
  options: ReadNdjsonOptions<P> = {},
): Promise<F> {
  const { signal, onPartial } = options;
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const aborted = () => new BamlAbortError('Operation was aborted', signal?.reason);
  const onAbort = () => {
    reader.cancel(signal?.reason).catch(() => {});
  };
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let buffer = '';
  /** The final value, when this line carries it. */
  const handle = (line: string): { final: F } | undefined => {
    if (line.trim() === '') return undefined;
    let message: { partial?: P; final?: F; error?: unknown };
    try {
      message = JSON.parse(line);
    } catch {
      throw new BamlError(`Malformed stream line from the server: ${line.slice(0, 200)}`);
    }
    if (message.error) throw reviveBamlError(message.error);
    if (message.partial !== undefined) onPartial?.(message.partial);
    if (message.final !== undefined) return { final: message.final };
    return undefined;
  };
  try {
    for (;;) {
      if (signal?.aborted) throw aborted();
      const { done, value } = await reader.read();
      if (signal?.aborted) throw aborted();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const lines = buffer.split('\n');
      buffer = done ? '' : (lines.pop() ?? '');
      for (const line of lines) {
        const result = handle(line);
        if (result) {
          reader.cancel().catch(() => {});
          return result.final;
        }
      }
      if (done)
        throw new BamlError('The stream ended without a final value (the connection was cut)');
    }
  } catch (error) {
    if (signal?.aborted) throw aborted();
    throw reviveBamlError(error);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}
