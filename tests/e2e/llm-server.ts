// The loopback server of the environment tests: an OpenAI-compatible LLM with one route per
// behaviour (`/v1/{route}/chat/completions`), request counters per route (`/count/{route}`,
// `/closed/{route}` for responses closed, by the end or by the client hanging up, and
// `/aborted/{route}` for those the client closed before they ended), the body of each route's
// last request (`/body/{route}`), and static files (the browser page and its bundle). Tests
// only: node:http is fine here.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { json, type RecordedRequest } from '../llm/loopback-server.js';
import { ANSWER } from './scenario.js';

export interface E2eServer {
  baseUrl: string;
  /** Static files by path (`/index.html`), served with their content type. */
  files: Map<string, { type: string; body: string }>;
  /** Routes `/serve/*` (prefix removed) to `listener`: a tsbaml serve app, same origin. */
  mountServe(listener: (req: IncomingMessage, res: ServerResponse) => void): void;
  close(): Promise<void>;
}

/** OpenAI chat-completions SSE events for `text`, in pieces of `size` characters. */
function openAiEvents(text: string, size: number): string[] {
  const event = (delta: object, finish_reason: string | null) =>
    `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason }] })}\n\n`;
  const events: string[] = [];
  for (let i = 0; i < text.length; i += size)
    events.push(event({ content: text.slice(i, i + size) }, null));
  return [...events, event({}, 'stop'), 'data: [DONE]\n\n'];
}

const completion = {
  choices: [{ index: 0, message: { role: 'assistant', content: ANSWER }, finish_reason: 'stop' }],
};

/** One event every 10 ms, so that a page renders the partials one by one (as a real LLM's). */
async function paced(events: string[], res: ServerResponse): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const event of events) {
    if (res.destroyed) return;
    res.write(event);
    await new Promise((r) => setTimeout(r, 10));
  }
  res.end();
}

/** Sends the first pieces of the answer, then nothing until the client hangs up. */
function firstPiecesThenStall(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(openAiEvents(ANSWER, 10).slice(0, 3).join(''));
}

function route(req: RecordedRequest, res: ServerResponse, name: string): void | Promise<void> {
  const stream = req.body?.stream === true;
  switch (name) {
    case 'ok':
    case 'media':
      return stream ? paced(openAiEvents(ANSWER, 6), res) : json(completion)(req, res);
    case 'slow':
      return firstPiecesThenStall(res);
    case 'e500':
      return json({ error: { message: 'upstream exploded', type: 'server_error' } }, 500)(req, res);
    case 'e401':
      return json({ error: { message: 'bad key', type: 'invalid_api_key' } }, 401)(req, res);
    default:
      return json({ error: `no route ${name}` }, 404)(req, res);
  }
}

export async function startE2eServer(): Promise<E2eServer> {
  const counts = new Map<string, number>();
  /** Responses closed (finished, or dropped by the client), per route. */
  const closed = new Map<string, number>();
  /** Responses the client closed before they ended (a streaming call cancelled), per route. */
  const aborted = new Map<string, number>();
  const bodies = new Map<string, string>();
  const counters = { count: counts, closed, aborted };
  const files = new Map<string, { type: string; body: string }>();
  const sockets = new Set<Socket>();
  let serve: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (serve && req.url?.startsWith('/serve/')) {
      req.url = req.url.slice('/serve'.length);
      return serve(req, res);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    const llm = /^\/v1\/([a-z0-9]+)\/chat\/completions$/.exec(url.pathname);
    if (llm && req.method === 'POST') {
      const name = llm[1]!;
      counts.set(name, (counts.get(name) ?? 0) + 1);
      res.on('close', () => {
        closed.set(name, (closed.get(name) ?? 0) + 1);
        if (!res.writableEnded) aborted.set(name, (aborted.get(name) ?? 0) + 1);
      });
      const text = Buffer.concat(chunks).toString('utf8');
      bodies.set(name, text);
      const body = text ? JSON.parse(text) : undefined;
      const recorded = { method: 'POST', url: req.url ?? '', headers: req.headers, body };
      await route(recorded, res, name);
      return;
    }
    const count = /^\/(count|closed|aborted|body)\/([a-z0-9]+)$/.exec(url.pathname);
    if (count) {
      const [, what, name] = count as unknown as [string, keyof typeof counters | 'body', string];
      // Read by pages of other origins too (the Next.js app).
      res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
      res.end(what === 'body' ? (bodies.get(name) ?? '') : String(counters[what].get(name) ?? 0));
      return;
    }
    const file = files.get(url.pathname === '/' ? '/index.html' : url.pathname);
    res.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' });
    res.end(file?.body ?? 'not found');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    files,
    mountServe: (listener) => {
      serve = listener;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
