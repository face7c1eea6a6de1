// The SSE reader on its own: framing variants seen in the recordings, and idle timeouts.
import { describe, expect, it } from 'vitest';
import { readSseEvents, SseIdleTimeoutError } from '../../src/runtime/sse/index.js';

function bodyOf(pieces: string[], delayMs = 0): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async start(controller) {
      for (const p of pieces) {
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
        controller.enqueue(encoder.encode(p));
      }
      controller.close();
    },
  });
}

async function collect(body: ReadableStream<Uint8Array>, idleTimeoutMs?: number) {
  const out: { event?: string | undefined; data: string }[] = [];
  for await (const e of readSseEvents(body, idleTimeoutMs ? { idleTimeoutMs } : {}))
    out.push({ event: e.event, data: e.data });
  return out;
}

describe('readSseEvents', () => {
  it('handles event lines, CRLF framing and events split across chunks', async () => {
    const events = await collect(
      bodyOf(['event: a\r\ndata: {"x"', ':1}\r\n\r\ndata: [DO', 'NE]\n\n']),
    );
    expect(events).toEqual([
      { event: 'a', data: '{"x":1}' },
      { event: undefined, data: '[DONE]' },
    ]);
  });

  it('keeps a whole final event without its blank line, drops a half-written one', async () => {
    expect(await collect(bodyOf(['data: {"a":1}\r\n']))).toEqual([
      { event: undefined, data: '{"a":1}' },
    ]);
    expect(await collect(bodyOf(['data: {"a":1}\n\ndata: {"b":']))).toEqual([
      { event: undefined, data: '{"a":1}' },
    ]);
  });

  it('fails when the gap between events exceeds the idle timeout', async () => {
    await expect(collect(bodyOf(['data: 1\n\n', 'data: 2\n\n'], 80), 20)).rejects.toBeInstanceOf(
      SseIdleTimeoutError,
    );
  });
});
