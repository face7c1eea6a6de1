// The `tsbaml serve` HTTP API as a fetch-style Hono app (Request → Response), so it runs on
// Node (see node-server.ts), Bun, Deno or an edge worker alike. Routes and error bodies follow
// `baml-cli serve` (spec §6); docs/serve.md lists where tsbaml deliberately does better.
import { Hono } from 'hono';
import { BAML_COMPAT_VERSION, tsbamlVersion } from '../cli/version.js';
import type { Program } from '../ir/types.js';
import { platformEnv } from '../runtime/client/call-options.js';
import { Collector } from '../runtime/index.js';
import { checkAuth } from './auth.js';
import { docsPage } from './docs-page.js';
import { type ErrorResponse, errorBody, errorResponseFor, HttpError } from './error-body.js';
import type { ExecuteOptions, FunctionExecutor } from './executor.js';
import {
  applyEnvOverrides,
  type FunctionRequest,
  parseFunctionRequest,
} from './function-request.js';
import { buildOpenApiDocument } from './openapi.js';
import { readJsonBody } from './read-body.js';
import { negotiateProtocol, SSE_HEADERS, sseStream } from './sse-stream.js';
import { stateStripper } from './strip-stream-state.js';

/** BAML's limit on request bodies. */
export const DEFAULT_MAX_BODY_BYTES = 100 * 1024 * 1024;

/** Options of `createServeApp`. */
export interface ServeAppOptions {
  program: Program;
  executor: FunctionExecutor;
  /** `BAML_PASSWORD`: when set, requests must carry it (x-baml-api-key or basic auth). */
  password?: string;
  /** The environment calls start from (default: `process.env` when there is one). */
  env?: () => Record<string, string | undefined>;
  /** Largest accepted request body (default 100 MiB, like BAML). */
  maxBodyBytes?: number;
  /** Interval of keep-alive comments on event streams (default 15 s). */
  heartbeatMs?: number;
  /** Interval of `/_debug/ping?stream=true` events (default 500 ms, like BAML). */
  pingIntervalMs?: number;
  /** Receives one line per request and per failed call, for the console. */
  log?: (line: string) => void;
}

/**
 * Builds the HTTP API for `program`: `/call/{fn}`, `/stream/{fn}`, `/openapi.json`, `/docs`,
 * `/_debug/ping` and `/_debug/status`.
 *
 * @example
 * const app = createServeApp({ program, executor });
 * const response = await app.request('/call/ExtractReceipt', { method: 'POST', body: '{"text":"…"}' });
 */
export function createServeApp(options: ServeAppOptions): Hono {
  const { program, executor, password } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const baseEnv = options.env ?? (() => ({ ...platformEnv() }));
  const log = options.log ?? (() => {});
  const pong = `pong (from tsbaml v${tsbamlVersion()}, baml ${BAML_COMPAT_VERSION} API)`;
  let openApi: string | undefined;

  const app = new Hono();

  app.use('*', async (c, next) => {
    const started = Date.now();
    const url = new URL(c.req.url);
    // Like BAML, only the exact URI `/_debug/ping` bypasses auth (so `?stream=true` does not).
    const bypass =
      url.pathname === '/_debug/status' || (url.pathname === '/_debug/ping' && url.search === '');
    if (!bypass) {
      const outcome = checkAuth(c.req.raw, password);
      if (!outcome.ok) {
        log(`${c.req.method} ${url.pathname} 403 (${outcome.reason})`);
        return c.text(outcome.reason, 403);
      }
    }
    await next();
    if (!url.pathname.startsWith('/_debug/'))
      log(`${c.req.method} ${url.pathname} ${c.res.status} ${Date.now() - started} ms`);
  });

  app.all('/_debug/ping', (c) => {
    if (c.req.query('stream') !== 'true') return c.text(`${pong}\n`);
    const interval = options.pingIntervalMs ?? 500;
    let timer: ReturnType<typeof setInterval> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        let seq = 0;
        const encoder = new TextEncoder();
        const tick = () => controller.enqueue(encoder.encode(`data: ${pong}: seq ${seq++}\n\n`));
        tick();
        timer = setInterval(tick, interval);
      },
      cancel() {
        clearInterval(timer);
      },
    });
    return new Response(body, { headers: SSE_HEADERS });
  });

  app.all('/_debug/status', (c) => {
    if (!password) return c.json({ authz: { enforcement: 'none' } });
    const outcome = checkAuth(c.req.raw, password);
    return outcome.ok
      ? c.json({ authz: { enforcement: 'active', outcome: 'pass' } })
      : c.json({ authz: { enforcement: 'active', outcome: 'fail', reason: outcome.reason } }, 403);
  });

  app.get('/openapi.json', () => {
    openApi ??= `${JSON.stringify(buildOpenApiDocument(program), null, 2)}\n`;
    return new Response(openApi, { headers: { 'content-type': 'application/json' } });
  });

  app.get('/docs', (c) => c.html(docsPage('tsbaml functions')));

  /** Reads and validates a /call or /stream request for `name`. */
  const prepare = async (
    request: Request,
    name: string,
  ): Promise<{ fn: Program['functions'][string]; parsed: FunctionRequest }> => {
    const fn = Object.hasOwn(program.functions, name) ? program.functions[name] : undefined;
    if (!fn) throw new HttpError(404, 'function_not_found', unknownFunctionMessage(program, name));
    const parsed = parseFunctionRequest(fn, await readJsonBody(request, maxBodyBytes));
    return { fn, parsed };
  };

  /**
   * The executor options of one request, with an abort linked to the client's connection, and a
   * function that unlinks it once the call is over.
   */
  const executeOptions = (
    request: Request,
    parsed: FunctionRequest,
    controller: AbortController,
  ) => {
    // The listener must not capture `request`: under @hono/node-server the request's signal is
    // held by undici's request finalizer, so a listener reaching the request would keep every
    // request (and its socket) alive forever. It captures only the signal and the controller.
    const clientSignal = request.signal;
    const onAbort = () => controller.abort(clientSignal.reason);
    if (clientSignal.aborted) onAbort();
    else clientSignal.addEventListener('abort', onAbort, { once: true });
    const options: ExecuteOptions = {
      env: applyEnvOverrides(baseEnv(), parsed.envOverrides),
      signal: controller.signal,
    };
    if (parsed.clientRegistry) options.clientRegistry = parsed.clientRegistry;
    if (parsed.tags) options.tags = parsed.tags;
    if (parsed.collect) options.collector = new Collector('serve');
    return { options, release: () => clientSignal.removeEventListener('abort', onAbort) };
  };

  app.post('/call/:fn', async (c) => {
    const controller = new AbortController();
    let collector: Collector | undefined;
    try {
      const name = c.req.param('fn');
      const { parsed } = await prepare(c.req.raw, name);
      const linked = executeOptions(c.req.raw, parsed, controller);
      collector = linked.options.collector;
      const value = await executor.call(name, parsed.args, linked.options).finally(linked.release);
      // (tsbaml) With `collect`, the value comes with the call's log.
      const body = collector ? { value: value ?? null, log: collector.last } : (value ?? null);
      return new Response(`${JSON.stringify(body, null, 2)}\n`, {
        headers: { 'content-type': 'application/json' },
      });
    } catch (error) {
      logFailure(log, error);
      return errorResponse(withLog(errorResponseFor(error), collector));
    }
  });

  app.post('/stream/:fn', async (c) => {
    const controller = new AbortController();
    const protocol = negotiateProtocol(new URL(c.req.url), c.req.header('accept') ?? null);
    if (!protocol) {
      return errorResponse(
        errorBody(
          400,
          'invalid_argument',
          'Unknown stream protocol; use protocol=baml (default), events or patch.',
        ),
      );
    }
    let release = () => {};
    let collector: Collector | undefined;
    try {
      const name = c.req.param('fn');
      const { fn, parsed } = await prepare(c.req.raw, name);
      const linked = executeOptions(c.req.raw, parsed, controller);
      release = linked.release;
      collector = linked.options.collector;
      const stream = executor.stream(name, parsed.args, linked.options);
      const iterator = stream[Symbol.asyncIterator]();
      // The first event is awaited before answering, so a call that fails at once (bad
      // arguments, provider 401, …) gets a proper status code and JSON body, not a 200 stream.
      const first = await iterator.next();
      if (first.done) await stream.getFinalResponse();
      const toWire = protocol === 'baml' ? stateStripper(program, fn.returnType) : null;
      const body = sseStream({
        protocol,
        first,
        iterator,
        finalResponse: () => stream.getFinalResponse(),
        ...(toWire ? { toWire } : {}),
        abort: (reason) => controller.abort(reason),
        heartbeatMs,
        onError: (error) => logFailure(log, error),
        onClose: release,
        ...(collector ? { log: () => collector?.last ?? null, logEachPartial: !!parsed.tick } : {}),
      });
      return new Response(body, { headers: SSE_HEADERS });
    } catch (error) {
      release();
      controller.abort(error);
      logFailure(log, error);
      return errorResponse(withLog(errorResponseFor(error), collector));
    }
  });

  app.notFound((c) =>
    errorResponse(
      errorBody(
        404,
        'not_found',
        `No route ${c.req.method} ${new URL(c.req.url).pathname}. Functions are called with POST /call/{name} or POST /stream/{name}; see /docs.`,
      ),
    ),
  );

  app.onError((error) => {
    logFailure(log, error);
    return errorResponse(errorResponseFor(error));
  });

  return app;
}

function unknownFunctionMessage(program: Program, name: string): string {
  const names = Object.keys(program.functions);
  const listed =
    names.length === 0
      ? 'This project declares no functions.'
      : `Available functions: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''}.`;
  return `No BAML function named ${JSON.stringify(name)}. ${listed}`;
}

/** (tsbaml) An error answer with the call's log, when the request asked for it (`collect`). */
function withLog(response: ErrorResponse, collector: Collector | undefined): ErrorResponse {
  if (!collector) return response;
  return { ...response, body: { ...response.body, log: collector.last } };
}

function errorResponse({ status, body }: ErrorResponse): Response {
  return new Response(`${JSON.stringify(body)}\n`, {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function logFailure(log: (line: string) => void, error: unknown): void {
  if (error instanceof HttpError) return;
  const { status, body } = errorResponseFor(error);
  log(`  ${status} ${body.error}: ${body.message.split('\n')[0]}`);
}
