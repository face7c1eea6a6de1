// Bytes → SSE events, on Web streams only: `TextDecoderStream → EventSourceParserStream`.
//
// Reading is pull-based so the consumer's pace drives the network, and an optional idle timeout
// turns a provider that stops sending mid-stream into an error instead of a hang.

import { type EventSourceMessage, EventSourceParserStream } from 'eventsource-parser/stream';

export type { EventSourceMessage } from 'eventsource-parser/stream';

/** Raised when no event arrives within `idleTimeoutMs`. */
export class SseIdleTimeoutError extends Error {
  constructor(readonly idleTimeoutMs: number) {
    super(`no data received for ${idleTimeoutMs} ms`);
    this.name = 'SseIdleTimeoutError';
  }
}

export interface ReadSseOptions {
  /** Fail when the gap between two events exceeds this many milliseconds. */
  idleTimeoutMs?: number;
}

/**
 * Yields each server-sent event of `body`. Ends when the body ends. A last event that lacks its
 * blank-line terminator is still delivered when its data is complete JSON (some servers and
 * recordings end that way); a half-written one is dropped, as the SSE spec says, and callers
 * notice the missing end-of-stream event.
 *
 * @example
 * for await (const event of readSseEvents(response.body!)) console.log(event.event, event.data);
 */
export async function* readSseEvents(
  body: ReadableStream<Uint8Array>,
  options: ReadSseOptions = {},
): AsyncGenerator<EventSourceMessage> {
  const reader = body
    .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
    .pipeThrough(terminateLastEvent())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  try {
    for (;;) {
      const next = await readWithTimeout(reader, options.idleTimeoutMs);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // Stop the network read when the consumer stops early (break, error, abort).
    reader.cancel().catch(() => {});
  }
}

/** Passes text through; at a clean end, terminates a dangling final event if it is whole. */
function terminateLastEvent(): TransformStream<string, string> {
  let tail = '';
  return new TransformStream<string, string>({
    transform(chunk, controller) {
      controller.enqueue(chunk);
      tail = (tail + chunk).replace(/\r\n/g, '\n');
      const end = tail.lastIndexOf('\n\n');
      if (end >= 0) tail = tail.slice(end + 2);
    },
    flush(controller) {
      if (tail.trim() === '') return;
      const data = tail
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data.trim() === '[DONE]' || isJson(data)) controller.enqueue('\n\n');
    },
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** `reader.read()`, failing with `SseIdleTimeoutError` when nothing arrives within `timeoutMs`. */
export function readWithTimeout<T>(
  reader: ReadableStreamDefaultReader<T>,
  timeoutMs: number | undefined,
): Promise<ReadableStreamReadResult<T>> {
  if (timeoutMs === undefined || timeoutMs <= 0) return reader.read();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SseIdleTimeoutError(timeoutMs)), timeoutMs);
  });
  return Promise.race([reader.read(), timeout]).finally(() => clearTimeout(timer));
}
