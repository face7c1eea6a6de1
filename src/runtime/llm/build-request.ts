// `b.request.Fn()` / `b.streamRequest.Fn()`: the HTTP request a call would send, unsent.

import { BamlInvalidArgumentError } from '../errors/index.js';
import type { RenderedPrompt } from '../template/types.js';
import { resolveConfigValue } from './config-value.js';
import type { HTTPRequest } from './http-request.js';
import { prepareRequest } from './prepare-request.js';
import { entryClientName, resolveClient } from './resolve-client.js';
import { MAX_STRATEGY_DEPTH, strategyList, wrappedEntry } from './strategy.js';
import type { LlmCallOptions } from './types.js';

/**
 * Builds the request for the client a call would try first (for a fallback, its first leaf;
 * for round-robin, its `start` entry). Renders the prompt unless `prompt` is given.
 *
 * @example
 * const req = await buildRequest({ program, functionName: 'Extract', clientName: 'Fake', env, args }, undefined, { stream: true });
 * req.body.json(); // { model: 'fake', messages: [...], stream: true }
 */
export async function buildRequest(
  call: LlmCallOptions,
  prompt?: RenderedPrompt,
  request: { stream: boolean } = { stream: false },
): Promise<HTTPRequest> {
  let client = resolveClient(call, entryClientName(call));
  for (
    let depth = 0;
    client.provider === 'fallback' || client.provider === 'round-robin';
    depth++
  ) {
    if (depth > MAX_STRATEGY_DEPTH)
      throw new BamlInvalidArgumentError(`client ${call.clientName}: strategies nest too deeply`);
    const list = strategyList(client, call.env);
    const start =
      client.provider === 'round-robin'
        ? resolveConfigValue(client.options.start ?? 0, call.env)
        : 0;
    client = resolveClient(call, wrappedEntry(list, typeof start === 'number' ? start : 0));
  }
  return (await prepareRequest(call, client, request.stream, prompt, true)).request;
}
