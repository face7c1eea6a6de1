import type { Collector } from '../runtime/index.js';

/** One LLM client of a `__baml_options__.client_registry`, as BAML's serve accepts it. */
export interface ClientRegistryEntry {
  name: string;
  provider: string;
  options: Record<string, unknown>;
  retry_policy?: string;
}

/** `__baml_options__.client_registry`: extra clients, and which one the function should use. */
export interface ClientRegistrySpec {
  clients: ClientRegistryEntry[];
  primary?: string;
}

/** Per-request options the server hands to the executor. */
export interface ExecuteOptions {
  clientRegistry?: ClientRegistrySpec;
  /** The complete environment for this call: the server's, with the request's overrides applied. */
  env: Record<string, string | undefined>;
  /** Aborted when the HTTP client goes away; the executor must cancel the LLM request. */
  signal: AbortSignal;
  /** **(tsbaml)** The call's tags. */
  tags?: Record<string, string>;
  /** **(tsbaml)** Records the call's log (`__baml_options__.collect`). */
  collector?: Collector;
}

/** A running streamed call: async-iterable over partial values, like BAML's `BamlStream`. */
export interface FunctionStream extends AsyncIterable<unknown> {
  /** The validated final value; rejects with the call's error. */
  getFinalResponse(): Promise<unknown>;
}

/**
 * What the server needs to run a BAML function. The real one wraps the runtime client; tests pass
 * fakes. Arguments arrive by parameter name, already checked for presence against the program.
 */
export interface FunctionExecutor {
  call(
    functionName: string,
    args: Record<string, unknown>,
    options: ExecuteOptions,
  ): Promise<unknown>;
  stream(
    functionName: string,
    args: Record<string, unknown>,
    options: ExecuteOptions,
  ): FunctionStream;
}
