// A loopback stand-in for api.openai.com used by the offline demo. It answers
// `POST …/chat/completions` exactly as OpenAI's streaming API does (the framing and chunk shape
// of the recordings in shared/provider-streams/openai-chat): a role chunk, one `data:` event per
// token at a realistic pace, a `finish_reason: "stop"` chunk, a usage chunk, then `[DONE]`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Options of `startReplayServer`. */
export interface ReplayOptions {
  /** The text the "model" answers with. */
  answer: string;
  /** Average tokens per second (gpt-4o-mini streams roughly 50–90). Default 70. */
  tokensPerSecond?: number;
  /** Delay before the first token, like a real time-to-first-token. Default 300 ms. */
  firstTokenMs?: number;
  model?: string;
}

/** A running replay server. */
export interface ReplayServer {
  /** Base URL to use as the client's `base_url` (ends in /v1). */
  url: string;
  /** Requests answered so far, and streams still open (for tests). */
  stats: { requests: number; open: number };
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 with a free port. */
export async function startReplayServer(options: ReplayOptions): Promise<ReplayServer> {
  const stats = { requests: 0, open: 0 };
  const server = createServer((request, response) => {
    handle(request, response, options, stats).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: ReplayOptions,
  stats: ReplayServer['stats'],
) {
  if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
    return json(response, 404, {
      error: {
        message: `Unknown route ${request.method} ${request.url}`,
        type: 'invalid_request_error',
      },
    });
  }
  const body = JSON.parse(await readBody(request)) as { stream?: boolean; model?: string };
  stats.requests++;
  const model = options.model ?? 'gpt-4o-mini-2024-07-18';
  const id = `chatcmpl-replay${Date.now().toString(36)}`;
  const created = Math.floor(Date.now() / 1000);
  const usage = {
    prompt_tokens: 312,
    completion_tokens: tokenize(options.answer).length,
    total_tokens: 0,
  };
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  if (!body.stream) {
    return json(response, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: options.answer, refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage,
      system_fingerprint: 'fp_replay',
    });
  }
  stats.open++;
  let closed = false;
  response.on('close', () => {
    if (!closed) stats.open--;
    closed = true;
  });
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  });
  const chunk = (delta: object, finish: string | null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    system_fingerprint: 'fp_replay',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const send = (payload: object | string) => {
    if (!closed)
      response.write(
        `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`,
      );
  };
  send(chunk({ role: 'assistant', content: '', refusal: null }, null));
  await sleep(options.firstTokenMs ?? 300);
  const meanMs = 1000 / (options.tokensPerSecond ?? 70);
  for (const token of tokenize(options.answer)) {
    if (closed) return;
    send(chunk({ content: token }, null));
    // Real streams are bursty: tokens arrive unevenly around the mean rate.
    await sleep(meanMs * (0.4 + Math.random() * 1.2));
  }
  send(chunk({}, 'stop'));
  send({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    system_fingerprint: 'fp_replay',
    choices: [],
    usage,
  });
  send('[DONE]');
  if (!closed) {
    closed = true;
    stats.open--;
    response.end();
  }
}

/**
 * Splits text roughly the way GPT tokenizers do: words with their leading space, short digit
 * runs, and punctuation in ones or twos. Joining the tokens gives the text back exactly.
 */
export function tokenize(text: string): string[] {
  return text.match(/ ?[A-Za-z]+|\d{1,3}|\s*\n\s*|[^\S\n]+|[^\sA-Za-z\d]{1,2}/g) ?? [];
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (part: string) => {
      text += part;
    });
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
