import type { ClientDef, ConfigValue } from '../../ir/types.js';
import { BamlInvalidArgumentError } from '../errors/index.js';
import type { RegistrySnapshot } from './engine.js';

/**
 * Clients added at run time, overriding or adding to the ones declared in `.baml` files, as in
 * BAML's `ClientRegistry`.
 *
 * @example
 * const cr = new ClientRegistry();
 * cr.addLlmClient('Fast', 'openai', { model: 'gpt-4o-mini', api_key: process.env.KEY });
 * cr.setPrimary('Fast');
 * await b.ExtractPerson(text, { clientRegistry: cr });
 */
export class ClientRegistry {
  readonly #clients = new Map<string, ClientDef>();
  #primary: string | undefined;

  /**
   * Adds (or replaces) a client. `retryPolicy` names a `retry_policy` declared in the `.baml`
   * files.
   */
  addLlmClient(
    name: string,
    provider: string,
    options: Record<string, unknown>,
    retryPolicy?: string,
  ): void {
    if (!name) throw new BamlInvalidArgumentError('ClientRegistry.addLlmClient: name is empty');
    if (!provider)
      throw new BamlInvalidArgumentError(`ClientRegistry: client ${name} has no provider`);
    const def: ClientDef = { name, provider, options: toConfigObject(options) };
    if (retryPolicy !== undefined) def.retryPolicy = retryPolicy;
    this.#clients.set(name, def);
  }

  /** Makes `name` the client every function uses, instead of its declared one. */
  setPrimary(name: string): void {
    this.#primary = name;
  }

  /** A plain copy for the LLM layer (later changes to the registry do not affect a running call). */
  snapshot(): RegistrySnapshot {
    const out: RegistrySnapshot = { clients: Object.fromEntries(this.#clients) };
    if (this.#primary !== undefined) out.primary = this.#primary;
    return out;
  }
}

/** Plain values only: undefined entries are dropped (they mean "not set"). */
function toConfigObject(options: Record<string, unknown>): { [key: string]: ConfigValue } {
  const out: { [key: string]: ConfigValue } = {};
  for (const [k, v] of Object.entries(options ?? {})) {
    if (v !== undefined) out[k] = v as ConfigValue;
  }
  return out;
}
