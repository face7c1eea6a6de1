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

interface DenoEnv {
  Deno?: { env?: { get(name: string): string | undefined } };
}

/**
 * One variable of the platform's environment: Deno's `Deno.env.get`, else `process.env[name]`.
 * Undefined where there is no environment (browsers, workers) or reading it is refused (Deno
 * without `--allow-env` for that name): such a variable is simply not set.
 */
export function readPlatformVar(name: string): string | undefined {
  try {
    const deno = (globalThis as DenoEnv).Deno?.env;
    const value = deno ? deno.get(name) : platformEnv()?.[name];
    return value === undefined || value === null ? undefined : String(value);
  } catch {
    return undefined;
  }
}

/** The platform's variable names, or none where listing them is refused (Deno). */
function platformVarNames(): string[] {
  try {
    return Object.keys(platformEnv() ?? {});
  } catch {
    return [];
  }
}

/**
 * The environment a call sees: the call's `env` first (`undefined` unsets a name), then the
 * platform's (`process.env` in Node and Bun, `Deno.env` in Deno; none in browsers and most edge
 * runtimes). Variables are read one name at a time when a client needs them, never all at once:
 * Deno refuses to list its environment without blanket `--allow-env`, and a name the call's
 * `env` gives is never read from the platform. Read at use, so changes are picked up.
 */
export function resolveEnv(
  env: Record<string, string | undefined> | undefined,
): Record<string, string | undefined> {
  const own = env ?? {};
  const lookup = (name: string): string | undefined => {
    if (!Object.hasOwn(own, name)) return readPlatformVar(name);
    const value = own[name];
    return value === undefined || value === null ? undefined : String(value);
  };
  const names = () => {
    const all = new Set([...platformVarNames(), ...Object.keys(own)]);
    return [...all].filter((name) => lookup(name) !== undefined);
  };
  return new Proxy({} as Record<string, string | undefined>, {
    get: (_, key) => (typeof key === 'string' ? lookup(key) : undefined),
    has: (_, key) => typeof key === 'string' && lookup(key) !== undefined,
    ownKeys: () => names(),
    getOwnPropertyDescriptor: (_, key) => {
      const value = typeof key === 'string' ? lookup(key) : undefined;
      if (value === undefined) return undefined;
      return { value, enumerable: true, configurable: true, writable: false };
    },
    set: () => false,
    deleteProperty: () => false,
  });
}

/** The signal a call listens to: `signal`, else `abortController.signal`. */
export function resolveSignal(options: BamlCallOptions): AbortSignal | undefined {
  return options.signal ?? options.abortController?.signal;
}
