// The messages of the engine link (docs/python-engine.md): one JSON object per line (NDJSON) in
// each direction over the engine's stdin/stdout. A client (the Python `baml_py`) sends requests
// carrying an `id` it chooses; the engine answers each with exactly one final message for that id
// (`ok` or `error`), preceded by `partial` messages for streams.

import type { WireTbOp } from './type-builder-wire.js';

/** Bumped when a message changes incompatibly; `hello` tells the client which one it speaks. */
export const ENGINE_PROTOCOL_VERSION = 1;

/** Options of a call, as the client sends them (all optional). */
export interface WireOptions {
  /** A client name or `"provider/model"` that replaces the function's client. */
  client?: string;
  client_registry?: {
    clients: {
      name: string;
      provider: string;
      options: Record<string, unknown>;
      retry_policy?: string;
    }[];
    primary?: string;
  };
  /**
   * The whole environment the call sees (the client resolves its own process environment and
   * per-call overrides); variables the engine has that are absent here are unset for the call.
   */
  env?: Record<string, string>;
  tags?: Record<string, string>;
  /** How many collectors the caller passed: the call's log is returned in `ok.logs` if > 0. */
  collectors?: number;
  /** Streams only: each partial message also carries the call's log so far (`log`). */
  tick?: boolean;
  /** Dynamic types: the changes a TypeBuilder recorded, `{"ops": [...]}` (type-builder-wire.ts). */
  tb?: { ops: WireTbOp[] } | null;
}

interface Base {
  /** Chosen by the client, unique among its requests in flight; echoed in every answer. */
  id: number;
}

export type Request =
  | (Base & { op: 'hello'; protocol: number })
  | (Base & { op: 'load'; key: string; ir: string })
  | (Base & {
      op: 'call' | 'stream';
      runtime: string;
      fn: string;
      args: Record<string, unknown>;
      options?: WireOptions;
    })
  | (Base & {
      op: 'request';
      runtime: string;
      fn: string;
      args: Record<string, unknown>;
      stream: boolean;
      options?: WireOptions;
    })
  | (Base & {
      op: 'parse';
      runtime: string;
      fn: string;
      text: string;
      partial: boolean;
      options?: Pick<WireOptions, 'tb'>;
    })
  /**
   * Replays `tb` (a TypeBuilder's changes) without running anything: answered with what it
   * declares (type-builder-wire.ts `describeTypeBuilder`), or with the error of the change the
   * builder refuses. The Python builder sends it from `add_baml`.
   */
  | (Base & { op: 'type_builder'; runtime: string; tb: { ops: WireTbOp[] } })
  /** Cancels request `target`; answered by the target's own `error` (BamlAbortError). */
  | (Base & { op: 'abort'; target: number; reason?: string })
  /** The client took stream `target`'s last partial; the engine may send the next one. */
  | (Base & { op: 'ack'; target: number });

/** An error as it crosses the link: BAML's class name and its attributes. */
export interface WireError {
  type: string;
  message: string;
  [attribute: string]: unknown;
}

export type Response =
  | { id: number; ok: unknown }
  | { id: number; partial: unknown; log?: unknown }
  | { id: number | null; error: WireError };

/** Media arguments cross the link as `{"$media": "image", "url"?, "base64"?, "media_type"?}`. */
export interface WireMedia {
  $media: 'image' | 'audio' | 'pdf' | 'video';
  url?: string;
  base64?: string;
  media_type?: string;
}
