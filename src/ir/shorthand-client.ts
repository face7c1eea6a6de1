// `client "provider/model"`: a client written inline, with the provider's default options. The
// compiler adds one to the program for every shorthand in the sources; the runtime builds one for
// a shorthand first named at call time (the `client` call option, a registry's primary).

import type { ClientDef, ConfigValue } from './types.js';

/** Shorthand providers that are OpenAI-compatible services under another name. */
const SHORTHAND_ALIASES: Record<
  string,
  { provider: string; options: Record<string, ConfigValue> }
> = {
  openrouter: {
    provider: 'openai-generic',
    options: {
      base_url: 'https://openrouter.ai/api/v1',
      api_key: { $env: 'OPENROUTER_API_KEY' },
    },
  },
};

/**
 * The implicit client of `"provider/model"`, or undefined when `name` is not of that form (the
 * first `/` needs text on both sides; the model may contain more slashes).
 *
 * @example
 * shorthandClient('openai/gpt-4o')
 * // { name: 'openai/gpt-4o', provider: 'openai', options: { model: 'gpt-4o' }, shorthand: true }
 */
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
