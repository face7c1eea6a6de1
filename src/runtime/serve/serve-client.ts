// A typed client for `tsbaml serve` (docs/serve.md), for browsers and any other fetch platform:
// `/stream/{Fn}` with the `events` or `patch` protocol, read as a `BamlStream` (typed partials,
// `getFinalResponse()`, `toStreamable()` NDJSON for the React hooks, abort), and `/call/{Fn}`.
// Error bodies and `error` events come back as the typed error classes.

import { errorFromFields } from '../browser/revive-error.js';
import { BamlStream, type StreamSink } from '../client/baml-stream.js';
import { BamlClientError } from '../errors/baml-client-error.js';
import type { BamlError } from '../errors/baml-error.js';
import { readSseEvents } from '../sse/index.js';
import { applyPatch, type PatchOperation } from './partial-patch.js';

export interface ServeOptions {
  /** Where `tsbaml serve` listens, e.g. `http://localhost:2024`. */
  baseUrl: string;
  /** `patch` (default: bytes grow linearly with the answer) or `events` (a snapshot per partial). */
  protocol?: 'events' | 'patch';
  /** Extra request headers, e.g. `{ 'x-baml-api-key': password }`. */
  headers?: Record<string, string>;
  /** Cancels the call: the request is closed, and the server aborts the LLM call. */
  signal?: AbortSignal;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

/** Serve's error kinds (docs/serve.md) and the classes they stand for. */
const ERROR_CLASSES: Record<string, string> = {
  invalid_argument: 'BamlInvalidArgumentError',
  function_not_found: 'BamlInvalidArgumentError',
  validation_failure: 'BamlValidationError',
  finish_reason_error: 'BamlClientFinishReasonError',
  client_http_error: 'BamlClientHttpError',
  client_error: 'BamlClientError',
};

/** A serve error body (`{"error": kind, "message", …}`) as the typed error it stands for. */
export function serveError(body: unknown, status: number): BamlError {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const message =
    typeof fields.message === 'string' && fields.message
      ? fields.message
      : `tsbaml serve answered ${status}`;
  const name = ERROR_CLASSES[String(fields.error)] ?? 'BamlError';
  const withStatus =
    typeof fields.status_code === 'number' ? fields : { ...fields, status_code: status };
  return errorFromFields(name, message, withStatus);
}

/** POSTs `args` to `path` (`/call/Fn`, `/stream/Fn?protocol=…`); a typed error unless 2xx. */
async function post(
  path: string,
  args: Record<string, unknown>,
  options: ServeOptions,
  accept: string,
  signal: AbortSignal | undefined,
): Promise<Response> {
  const url = `${options.baseUrl.replace(/\/+$/, '')}${path}`;
  const response = await (options.fetch ?? fetch)(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, ...options.headers },
    body: JSON.stringify(args),
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) {
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = { message: text };
    }
    throw serveError(body, response.status);
  }
  return response;
}

/**
 * `POST /stream/{fn}` on a tsbaml server, read as a stream of typed partials.
 *
 * @example
 * const stream = streamFromServe<partial_types.Receipt, types.Receipt>('ExtractReceipt', { text }, { baseUrl });
 * for await (const partial of stream) render(partial);
 * const receipt = await stream.getFinalResponse();
 */
export function streamFromServe<P, F>(
  fn: string,
  args: Record<string, unknown>,
  options: ServeOptions,
): BamlStream<P, F> {
  const protocol = options.protocol ?? 'patch';
  const producer = async (sink: StreamSink<P>, signal: AbortSignal): Promise<F> => {
    const path = `/stream/${encodeURIComponent(fn)}?protocol=${protocol}`;
    const response = await post(path, args, options, 'text/event-stream', signal);
    let partial: unknown = null;
    for await (const event of readSseEvents(response.body!)) {
      const data = JSON.parse(event.data);
      if (event.event === 'final') return data as F;
      if (event.event === 'error') throw serveError(data, Number(data?.status) || 500);
      if (event.event === 'partial') partial = data;
      else if (event.event === 'patch')
        partial = applyPatch(partial, data as PatchOperation[], { copyOnWrite: true });
      else continue;
      sink.partial(partial as P);
    }
    throw new BamlClientError(
      `The stream of ${fn} ended without a final value (the connection was cut)`,
    );
  };
  return new BamlStream<P, F>(producer, options.signal);
}

/** `POST /call/{fn}` on a tsbaml server: the final value, or a typed error. */
export async function callServe<F>(
  fn: string,
  args: Record<string, unknown>,
  options: ServeOptions,
): Promise<F> {
  const path = `/call/${encodeURIComponent(fn)}`;
  const response = await post(path, args, options, 'application/json', options.signal);
  return (await response.json()) as F;
}
