// A loopback OpenAI-compatible chat.completions server for client tests (node:http, 127.0.0.1,
// random port). Each test sets a script; the server records requests and when the client
// closed a streamed response, so tests can check that abort really closes the connection.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Script {
  chunks: string[];
  /** Milliseconds before each chunk (default 0). A function gets the chunk index. */
  delayMs?: number | ((index: number) => number);
  finishReason?: string;
  /** Answer with this HTTP status and an error body instead. */
  status?: number;
  /** Destroy the socket after this many chunks (a mid-stream network failure). */
  dropAfter?: number;
}

export interface StreamLog {
  sent: number;
  /** performance.now() when each content chunk was written. */
  writes: number[];
  /** performance.now() when the client closed the connection before the end, else null. */
  closedAt: number | null;
  done: Promise<void>;
}

export interface FakeServer {
  baseUrl: string;
  setScript(script: Script): void;
  requests: { url: string; body: any }[];
  streams: StreamLog[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeServer(): Promise<FakeServer> {
  let script: Script = { chunks: [] };
  const requests: FakeServer['requests'] = [];
  const streams: StreamLog[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d) => {
      raw += d;
    });
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : null;
      requests.push({ url: req.url ?? '', body });
      const s = script;
      if (s.status && s.status !== 200) {
        res.writeHead(s.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'fake error', code: s.status } }));
        return;
      }
      if (!body?.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            object: 'chat.completion',
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: s.chunks.join('') },
                finish_reason: s.finishReason ?? 'stop',
              },
            ],
            usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 },
          }),
        );
        return;
      }
      const log: StreamLog = { sent: 0, writes: [], closedAt: null, done: Promise.resolve() };
      streams.push(log);
      log.done = streamTo(res, s, log);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    setScript: (s) => {
      script = s;
    },
    requests,
    streams,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function streamTo(res: http.ServerResponse, s: Script, log: StreamLog): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let finished = false;
  res.on('close', () => {
    if (!finished) log.closedAt = performance.now();
  });
  const event = (delta: object, finish: string | null) =>
    `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  res.write(event({ role: 'assistant', content: '' }, null));
  for (let i = 0; i < s.chunks.length; i++) {
    const delay = typeof s.delayMs === 'function' ? s.delayMs(i) : (s.delayMs ?? 0);
    if (delay > 0) await sleep(delay);
    if (log.closedAt !== null) return;
    if (s.dropAfter !== undefined && i === s.dropAfter) {
      res.socket?.destroy();
      return;
    }
    log.writes.push(performance.now());
    res.write(event({ content: s.chunks[i] }, null));
    log.sent++;
  }
  if (log.closedAt !== null) return;
  finished = true;
  res.write(event({}, s.finishReason ?? 'stop'));
  res.write('data: [DONE]\n\n');
  res.end();
}
