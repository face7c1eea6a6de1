// A loopback HTTP server (127.0.0.1, random port) that replays recorded provider responses.
// Tests only: node:http is fine here, the runtime itself talks to it through fetch.

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: any;
}

export type Handler = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export interface LoopbackServer {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Handlers used in order, one per request; the last one repeats. */
  respond(...handlers: Handler[]): void;
  close(): Promise<void>;
}

export function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

/** vercel/ai's `.chunks.txt` framing: `data: <line>\n\n` per line (with `event:` if asked). */
export function frameChunks(text: string, withEventLines = false): string {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) =>
      withEventLines ? `event: ${JSON.parse(l).type}\ndata: ${l}\n\n` : `data: ${l}\n\n`,
    )
    .join('');
}

/** Writes `body` in small pieces so the client sees a real stream; `cutAfter` drops the connection. */
function pieces(
  contentType: string,
  body: Uint8Array,
  options: { status?: number; pieceSize?: number; cutAfter?: number },
  defaultPiece: number,
): Handler {
  return async (_req, res) => {
    res.writeHead(options.status ?? 200, { 'content-type': contentType });
    const limit = options.cutAfter ?? body.length;
    const size = options.pieceSize ?? defaultPiece;
    for (let i = 0; i < limit; i += size) {
      res.write(body.subarray(i, Math.min(i + size, limit)));
      await new Promise((r) => setTimeout(r, 1));
    }
    if (options.cutAfter !== undefined) res.socket?.destroy();
    else res.end();
  };
}

/** An SSE body; `cutAfter` counts characters. */
export function sse(
  body: string,
  options: { status?: number; pieceSize?: number; cutAfter?: number } = {},
): Handler {
  const limit = options.cutAfter ?? body.length;
  const encoded = new TextEncoder().encode(body.slice(0, limit));
  return pieces(
    'text/event-stream; charset=utf-8',
    encoded,
    options.cutAfter === undefined ? options : { ...options, cutAfter: encoded.length },
    64,
  );
}

export function json(body: unknown, status = 200): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

/** Sends headers and then nothing, until the client gives up. */
export function stall(afterHeaders = true): Handler {
  return (_req, res) => {
    if (afterHeaders) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
    }
  };
}

/** JSON bodies parsed, others (form-encoded token requests) kept as text. */
function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Bytes (an AWS event stream) in pieces; `cutAfter` counts bytes. */
export function bytes(
  body: Uint8Array,
  options: { contentType?: string; pieceSize?: number; cutAfter?: number } = {},
): Handler {
  return pieces(options.contentType ?? 'application/vnd.amazon.eventstream', body, options, 97);
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));
}

export async function startLoopback(): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  let handlers: Handler[] = [json({ error: 'no handler' }, 500)];
  let served = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: parseBody(text),
      };
      requests.push(recorded);
      const handler = handlers[Math.min(served++, handlers.length - 1)] as Handler;
      Promise.resolve(handler(recorded, res)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    respond(...hs) {
      handlers = hs;
      served = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
