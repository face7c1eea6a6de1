// Finds the ClientDef behind a client name: run-time registry first, then the program's
// clients, then the `"provider/model"` shorthand.

import type { ClientDef } from '../../ir/types.js';
import { BamlInvalidArgumentError } from '../errors/index.js';
import type { LlmCallOptions } from './types.js';

/** Shorthand providers that are OpenAI-compatible services under another name. */
const SHORTHAND_ALIASES: Record<
  string,
  { provider: string; options: Record<string, ClientDef['options'][string]> }
> = {
  openrouter: {
    provider: 'openai-generic',
    options: { base_url: 'https://openrouter.ai/api/v1', api_key: { $env: 'OPENROUTER_API_KEY' } },
  },
};

/** Builds the implicit client of `client "openai/gpt-4o"`. */
export function shorthandClient(name: string): ClientDef | undefined {
  const slash = name.indexOf('/');
  if (slash <= 0 || slash === name.length - 1) return undefined;
  const provider = name.slice(0, slash);
  const model = name.slice(slash + 1);
  const alias = SHORTHAND_ALIASES[provider];
  if (alias)
    return {
      name,
      provider: alias.provider,
      options: { ...alias.options, model },
      shorthand: true,
    };
  return { name, provider, options: { model }, shorthand: true };
}

/** Resolves `name` to a client definition or throws `BamlInvalidArgumentError`. */
export function resolveClient(
  options: Pick<LlmCallOptions, 'program' | 'registry'>,
  name: string,
): ClientDef {
  const def =
    options.registry?.clients[name] ?? options.program.clients[name] ?? shorthandClient(name);
  if (!def) throw new BamlInvalidArgumentError(`Client ${name} not found`);
  return def;
}

/**
 * The client a call starts from: the registry's primary (set by `client` / `setPrimary`) wins
 * over the function's own client, as in BAML.
 */
export function entryClientName(call: Pick<LlmCallOptions, 'clientName' | 'registry'>): string {
  return call.registry?.primary ?? call.clientName;
}
