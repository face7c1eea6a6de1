// The binary AWS event-stream framing (`application/vnd.amazon.eventstream`) that Bedrock's
// ConverseStream answers with, decoded incrementally from Web stream chunks that may split a
// message anywhere. Each message: total length (4 bytes), headers length (4), prelude CRC32 (4),
// headers, payload, message CRC32 (4); all integers big-endian. Both checksums are verified.
//
// Written here rather than taken from `@smithy/eventstream-codec`: that package now pulls in
// `@smithy/core` and its dependency tree, far more than this 100-line format needs.

import { type EventSourceMessage, readWithTimeout } from '../sse/index.js';

const PRELUDE = 12;
const MIN_MESSAGE = 16;
/** Bedrock messages are small; this bound stops a corrupt length from buffering forever. */
const MAX_MESSAGE = 16 * 1024 * 1024;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE), as the framing uses. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = (CRC_TABLE[(crc ^ b) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A malformed frame: the stream cannot be trusted past it. */
export class AwsEventStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AwsEventStreamError';
  }
}

export interface AwsEventMessage {
  headers: Record<string, string | number | boolean>;
  payload: Uint8Array;
}

const utf8 = new TextDecoder();

function readHeaders(bytes: Uint8Array): AwsEventMessage['headers'] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: AwsEventMessage['headers'] = {};
  let at = 0;
  while (at < bytes.length) {
    const nameLength = bytes[at] as number;
    const name = utf8.decode(bytes.subarray(at + 1, at + 1 + nameLength));
    at += 1 + nameLength;
    const type = bytes[at];
    at += 1;
    switch (type) {
      case 0:
        out[name] = true;
        break;
      case 1:
        out[name] = false;
        break;
      case 2:
        out[name] = view.getInt8(at);
        at += 1;
        break;
      case 3:
        out[name] = view.getInt16(at);
        at += 2;
        break;
      case 4:
        out[name] = view.getInt32(at);
        at += 4;
        break;
      case 5: // int64 and timestamps: kept as numbers (exact up to 2^53)
      case 8:
        out[name] = Number(view.getBigInt64(at));
        at += 8;
        break;
      case 6: // byte array
      case 7: {
        // string
        const length = view.getUint16(at);
        const value = bytes.subarray(at + 2, at + 2 + length);
        out[name] = utf8.decode(value);
        at += 2 + length;
        break;
      }
      case 9: // uuid
        at += 16;
        break;
      default:
        throw new AwsEventStreamError(`unknown header value type ${type}`);
    }
    if (at > bytes.length) throw new AwsEventStreamError('header runs past its section');
  }
  return out;
}

/**
 * Incremental decoder: `push` bytes as they arrive, get every message completed so far.
 *
 * @example
 * const d = new AwsEventStreamDecoder();
 * for (const m of d.push(chunk)) console.log(m.headers[':event-type']);
 */
export class AwsEventStreamDecoder {
  #buffer: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): AwsEventMessage[] {
    if (this.#buffer.length === 0) this.#buffer = chunk;
    else {
      const joined = new Uint8Array(this.#buffer.length + chunk.length);
      joined.set(this.#buffer);
      joined.set(chunk, this.#buffer.length);
      this.#buffer = joined;
    }
    const out: AwsEventMessage[] = [];
    for (;;) {
      const b = this.#buffer;
      if (b.length < PRELUDE) break;
      const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
      const total = view.getUint32(0);
      const headersLength = view.getUint32(4);
      if (crc32(b.subarray(0, 8)) !== view.getUint32(8))
        throw new AwsEventStreamError('prelude checksum mismatch');
      if (total < MIN_MESSAGE || total > MAX_MESSAGE || headersLength > total - MIN_MESSAGE)
        throw new AwsEventStreamError(`bad message length ${total}`);
      if (b.length < total) break;
      if (crc32(b.subarray(0, total - 4)) !== view.getUint32(total - 4))
        throw new AwsEventStreamError('message checksum mismatch');
      out.push({
        headers: readHeaders(b.subarray(PRELUDE, PRELUDE + headersLength)),
        payload: b.slice(PRELUDE + headersLength, total - 4),
      });
      this.#buffer = b.subarray(total);
    }
    return out;
  }

  /** True when bytes of an unfinished message are waiting. */
  get pending(): boolean {
    return this.#buffer.length > 0;
  }
}

/**
 * The messages of an event-stream body as SSE-like events: `event` is the `:event-type` (or
 * `:exception-type` for an exception, with `id` set to "exception"), `data` the JSON payload.
 * `idleTimeoutMs` fails the read (SseIdleTimeoutError) when no bytes arrive for that long.
 */
export async function* readAwsEventStream(
  body: ReadableStream<Uint8Array>,
  options: { idleTimeoutMs?: number } = {},
): AsyncGenerator<EventSourceMessage> {
  const reader = body.getReader();
  const decoder = new AwsEventStreamDecoder();
  try {
    for (;;) {
      const { done, value } = await readWithTimeout(reader, options.idleTimeoutMs);
      if (done) {
        if (decoder.pending) throw new AwsEventStreamError('stream ended inside a message');
        return;
      }
      for (const m of decoder.push(value)) {
        const kind = m.headers[':message-type'];
        const data = utf8.decode(m.payload);
        if (kind === 'exception' || kind === 'error')
          yield {
            id: 'exception',
            event: String(m.headers[':exception-type'] ?? m.headers[':error-code'] ?? 'error'),
            data: data || JSON.stringify({ message: m.headers[':error-message'] ?? 'error' }),
          };
        else yield { id: undefined, event: String(m.headers[':event-type'] ?? ''), data };
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
