import type { TypeBuilder } from '../type-builder/type-builder.js';
import type { ClientRegistry } from './client-registry.js';
import type { Collector, FunctionLog } from './collector.js';

/**
 * Options accepted by every generated function (`b.Fn(args, options)`), and by
 * `b.withOptions(options)` as defaults.
 */
export interface BamlCallOptions {
  /**
   * Dynamic types: the call runs on the program with this builder's additions (new properties
   * and values of `@@dynamic` types, new classes and enums). Other calls are not affected.
   */
  tb?: TypeBuilder;
  /** Clients added at run time; its primary (if set) replaces the function's client. */
  clientRegistry?: ClientRegistry;
  /** A client to use instead of the function's: a declared client name, or `"provider/model"`. */
  client?: string;
  /** Collectors that record this call's log (timing, usage, raw response). */
  collector?: Collector | Collector[];
  /** Environment variables for this call, over `process.env`; `undefined` unsets a variable. */
  env?: Record<string, string | undefined>;
  /** Tags recorded in the call's log and available to prompts as `ctx.tags`. */
  tags?: Record<string, string>;
  /** Cancels the call: the HTTP request is closed and the call rejects with `BamlAbortError`. */
  signal?: AbortSignal;
  /** Accepted as an alternative to `signal` (BAML's Python-style option). */
  abortController?: AbortController;
  /** Called on every streamed event; makes a plain call go through the streaming path. */
  onTick?: (reason: 'Unknown', log: FunctionLog | null) => void;
}

/** Options for `b.parse.Fn` / `b.parseStream.Fn`: only what parsing can use. */
export type BamlParseOptions = Pick<BamlCallOptions, 'tb' | 'clientRegistry' | 'env'>;

/**
 * Per-call options over `withOptions` defaults. Objects that are naturally partial (`env`,
 * `tags`) merge key by key; everything else is replaced.
 */
export function mergeCallOptions(
  defaults: BamlCallOptions | undefined,
  options: BamlCallOptions | undefined,
): BamlCallOptions {
  if (!defaults) return { ...options };
  if (!options) return { ...defaults };
  const merged: BamlCallOptions = { ...defaults, ...options };
  if (defaults.env || options.env) merged.env = { ...defaults.env, ...options.env };
  if (defaults.tags || options.tags) merged.tags = { ...defaults.tags, ...options.tags };
  return merged;
}

/** `process.env` where the platform has one, else undefined. */
export function platformEnv(): Record<string, string | undefined> | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
}

/**
 * The environment a call sees: `process.env` when the platform has one (Node, Bun, Deno's
 * compatibility layer; not browsers or most edge runtimes), then the call's `env` on top.
 * Read on every call, so changes to `process.env` are picked up without a reset.
 */
export function resolveEnv(
  env: Record<string, string | undefined> | undefined,
): Record<string, string | undefined> {
  const base = platformEnv();
  const out: Record<string, string | undefined> = {};
  for (const source of [base, env]) {
    if (!source) continue;
    for (const [k, v] of Object.entries(source)) {
      if (v === undefined || v === null) delete out[k];
      else out[k] = String(v);
    }
  }
  return out;
}

/** The signal a call listens to: `signal`, else `abortController.signal`. */
export function resolveSignal(options: BamlCallOptions): AbortSignal | undefined {
  return options.signal ?? options.abortController?.signal;
}
