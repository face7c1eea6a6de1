import { platformEnv } from '../runtime/client/call-options.js';
import { type BamlCallOptions, type BamlRuntime, ClientRegistry } from '../runtime/index.js';
import type { ExecuteOptions, FunctionExecutor } from './executor.js';

/** The executor of `tsbaml serve`: runs functions through the tsbaml runtime. */
export function runtimeExecutor(runtime: BamlRuntime): FunctionExecutor {
  return {
    call: (name, args, options) => runtime.call(name, args, callOptions(options)),
    stream: (name, args, options) => runtime.stream(name, args, callOptions(options)),
  };
}

function callOptions(options: ExecuteOptions): BamlCallOptions {
  const result: BamlCallOptions = { env: exactEnv(options.env), signal: options.signal };
  if (options.tags) result.tags = options.tags;
  if (options.collector) result.collector = options.collector;
  const spec = options.clientRegistry;
  if (spec) {
    const registry = new ClientRegistry();
    for (const client of spec.clients) {
      registry.addLlmClient(client.name, client.provider, client.options, client.retry_policy);
    }
    if (spec.primary !== undefined) registry.setPrimary(spec.primary);
    result.clientRegistry = registry;
  }
  return result;
}

/**
 * The runtime layers a call's `env` over `process.env`. The server already computed the whole
 * environment (with `null` overrides removing variables), so variables it removed are passed as
 * `undefined`, which the runtime treats as unset.
 */
function exactEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  const processEnv = platformEnv() ?? {};
  for (const key of Object.keys(processEnv)) if (!(key in out)) out[key] = undefined;
  return out;
}
