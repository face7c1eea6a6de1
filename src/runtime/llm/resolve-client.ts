// Finds the ClientDef behind a client name: run-time registry first, then the program's
// clients, then the `"provider/model"` shorthand.

import { shorthandClient } from '../../ir/shorthand-client.js';
import type { ClientDef } from '../../ir/types.js';
import { BamlInvalidArgumentError } from '../errors/index.js';
import type { LlmCallOptions } from './types.js';

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
