// One engine session: the requests of one client (a Python process) over one link. Each request
// runs on the tsbaml runtime; answers go out through `send` in the shapes of protocol.ts.
// Streams send a partial only after the client acknowledged the previous one, so a slow client
// gets the newest partial instead of a backlog (the runtime's stream keeps only the latest).
import type { Program } from '../ir/types.js';
import { platformEnv } from '../runtime/client/call-options.js';
import {
  Audio,
  type BamlCallOptions,
  BamlRuntime,
  ClientRegistry,
  Collector,
  Image,
  Pdf,
  toBamlError,
  Video,
} from '../runtime/index.js';
import {
  ENGINE_PROTOCOL_VERSION,
  type Request,
  type Response,
  type WireError,
  type WireOptions,
} from './protocol.js';
import { describeTypeBuilder, typeBuilderFromWire } from './type-builder-wire.js';

/** Where a session's answers go (one JSON message each). */
export type Send = (message: Response) => void;

interface InFlight {
  controller: AbortController;
  /** Resolves the wait for the client's `ack` of the last partial. */
  acked?: () => void;
}

export class EngineSession {
  readonly #send: Send;
  readonly #runtimes = new Map<string, BamlRuntime>();
  readonly #inFlight = new Map<number, InFlight>();
  readonly #version: string;

  constructor(send: Send, version: string) {
    this.#send = send;
    this.#version = version;
  }

  /** Handles one line of input. Never throws: bad input is answered with an error message. */
  handleLine(line: string): void {
    if (line.trim() === '') return;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      this.#send({
        id: null,
        error: { type: 'BamlProtocolError', message: `malformed message: ${preview(line)}` },
      });
      return;
    }
    const id = isObject(message) && typeof message.id === 'number' ? message.id : null;
    if (id === null || !isObject(message) || typeof message.op !== 'string') {
      this.#send({
        id,
        error: { type: 'BamlProtocolError', message: `a message needs a numeric id and an op` },
      });
      return;
    }
    this.#dispatch(message as unknown as Request).catch((error: unknown) => {
      this.#send({ id, error: wireError(error) });
    });
  }

  /** Cancels every request in flight (the client went away). */
  close(): void {
    for (const entry of this.#inFlight.values()) {
      entry.controller.abort('engine closed');
      entry.acked?.();
    }
    this.#inFlight.clear();
  }

  async #dispatch(request: Request): Promise<void> {
    const { id } = request;
    switch (request.op) {
      case 'hello':
        this.#send({
          id,
          ok: { protocol: ENGINE_PROTOCOL_VERSION, tsbaml: this.#version, node: process.version },
        });
        return;
      case 'load': {
        requireString(request.key, 'key');
        if (!this.#runtimes.has(request.key)) {
          requireString(request.ir, 'ir');
          const program = JSON.parse(request.ir) as Program;
          this.#runtimes.set(request.key, new BamlRuntime(program));
        }
        this.#send({ id, ok: { runtime: request.key } });
        return;
      }
      case 'parse': {
        const runtime = this.#runtime(request.runtime);
        requireString(request.text, 'text');
        const tb = typeBuilderFromWire(runtime.program, request.options?.tb);
        const options = tb ? { tb } : undefined;
        const value = request.partial
          ? runtime.parseStream(request.fn, request.text, options)
          : runtime.parse(request.fn, request.text, options);
        this.#send({ id, ok: value });
        return;
      }
      case 'type_builder': {
        const runtime = this.#runtime(request.runtime);
        const tb = typeBuilderFromWire(runtime.program, request.tb ?? { ops: [] });
        this.#send({ id, ok: describeTypeBuilder(runtime.program, tb) });
        return;
      }
      case 'abort': {
        const entry = this.#inFlight.get(request.target);
        entry?.controller.abort(request.reason ?? 'aborted');
        entry?.acked?.();
        return;
      }
      case 'ack': {
        const entry = this.#inFlight.get(request.target);
        const acked = entry?.acked;
        if (entry) delete entry.acked;
        acked?.();
        return;
      }
      case 'call':
      case 'stream':
      case 'request':
        await this.#run(request);
        return;
      default:
        throw new ProtocolError(`unknown op ${JSON.stringify((request as { op: unknown }).op)}`);
    }
  }

  async #run(request: Extract<Request, { op: 'call' | 'stream' | 'request' }>): Promise<void> {
    const { id } = request;
    const runtime = this.#runtime(request.runtime);
    const entry: InFlight = { controller: new AbortController() };
    this.#inFlight.set(id, entry);
    const collector = (request.options?.collectors ?? 0) > 0 ? new Collector('python') : null;
    const logs = () => (collector?.last ? { logs: [collector.last] } : {});
    // With `tick`, each partial carries the call's log so far (for `on_tick`).
    const tick = () => (request.options?.tick && collector?.last ? { log: collector.last } : {});
    try {
      const options = callOptions(request.options, entry.controller.signal, collector);
      try {
        const tb = typeBuilderFromWire(runtime.program, request.options?.tb);
        if (tb) options.tb = tb;
      } catch (error) {
        if (request.op !== 'stream') throw error;
        // In BAML the builder's error comes before the stream: its iterator throws it too.
        const wire = wireError(error);
        this.#send({ id, error: { ...wire, iterator_error: wire } });
        return;
      }
      const args = decodeArgs(request.args ?? {}) as Record<string, unknown>;
      if (request.op === 'call') {
        const value = await runtime.call(request.fn, args, options);
        this.#send({ id, ok: { value, ...logs() } });
      } else if (request.op === 'request') {
        const r = await runtime.buildRequest(request.fn, args, options, request.stream);
        const body = r.body.text();
        this.#send({
          id,
          ok: { id: r.id, url: r.url, method: r.method, headers: r.headers, body },
        });
      } else {
        await this.#stream(id, runtime, request.fn, args, options, entry, logs, tick);
      }
    } finally {
      this.#inFlight.delete(id);
    }
  }

  async #stream(
    id: number,
    runtime: BamlRuntime,
    fn: string,
    args: Record<string, unknown>,
    options: BamlCallOptions,
    entry: InFlight,
    logs: () => object,
    tick: () => object,
  ): Promise<void> {
    const stream = runtime.stream(fn, args, options);
    // What the iterator did, told apart from getFinalResponse(): an abort ends it quietly.
    let iteratorError: WireError | null = null;
    try {
      for await (const partial of stream) {
        const acked = new Promise<void>((resolve) => {
          entry.acked = resolve;
        });
        this.#send({ id, partial, ...tick() });
        if (!entry.controller.signal.aborted) await acked;
      }
    } catch (error) {
      iteratorError = wireError(error);
    }
    try {
      const value = await stream.getFinalResponse();
      this.#send({ id, ok: { value, ...logs() } });
    } catch (error) {
      this.#send({ id, error: { ...wireError(error), iterator_error: iteratorError, ...logs() } });
    }
  }

  #runtime(key: string): BamlRuntime {
    const runtime = this.#runtimes.get(key);
    if (!runtime) throw new ProtocolError(`no program loaded under ${JSON.stringify(key)}`);
    return runtime;
  }
}

/** A message that does not follow the protocol. */
class ProtocolError extends Error {
  override name = 'BamlProtocolError';
}

function callOptions(
  wire: WireOptions | undefined,
  signal: AbortSignal,
  collector: Collector | null,
): BamlCallOptions {
  const options: BamlCallOptions = { signal };
  if (!wire) return options;
  if (wire.env) options.env = exactEnv(wire.env);
  if (wire.tags) options.tags = wire.tags;
  if (wire.client) options.client = wire.client;
  if (collector) options.collector = collector;
  if (wire.client_registry) {
    const registry = new ClientRegistry();
    for (const c of wire.client_registry.clients ?? []) {
      registry.addLlmClient(c.name, c.provider, c.options ?? {}, c.retry_policy ?? undefined);
    }
    if (wire.client_registry.primary) registry.setPrimary(wire.client_registry.primary);
    options.clientRegistry = registry;
  }
  return options;
}

/** The client sends its whole environment; the engine's own variables it lacks are unset. */
function exactEnv(env: Record<string, string>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  for (const key of Object.keys(platformEnv() ?? {})) if (!(key in out)) out[key] = undefined;
  return out;
}

const MEDIA = { image: Image, audio: Audio, pdf: Pdf, video: Video } as const;

/** Media arguments (`{"$media": …}`, at any depth) become Image / Audio / Pdf / Video. */
function decodeArgs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeArgs);
  if (!isObject(value)) return value;
  const kind = value.$media;
  if (typeof kind === 'string' && kind in MEDIA) {
    const cls = MEDIA[kind as keyof typeof MEDIA];
    const mediaType = typeof value.media_type === 'string' ? value.media_type : undefined;
    if (typeof value.url === 'string') return cls.fromUrl(value.url, mediaType);
    return cls.fromBase64(mediaType ?? '', String(value.base64 ?? ''));
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = decodeArgs(v);
  return out;
}

/** An error as it crosses the link: BAML's class name, message and attributes. */
export function wireError(error: unknown): WireError {
  if (error instanceof ProtocolError) return { type: error.name, message: error.message };
  const typed = toBamlError(error);
  const { name, ...attributes } = typed.toJSON();
  const out: WireError = {
    ...attributes,
    type: String(name ?? typed.name),
    message: typed.message,
  };
  const reason = (typed as { reason?: unknown }).reason;
  if (reason !== undefined) out.reason = typeof reason === 'string' ? reason : String(reason);
  return out;
}

function requireString(value: unknown, what: string): void {
  if (typeof value !== 'string') throw new ProtocolError(`${what} must be a string`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function preview(line: string): string {
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}
