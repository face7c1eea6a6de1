// Builds one leaf client's HTTP request: resolve options against env, render the prompt with
// that client's ctx (each fallback leg may render differently), encode for the provider.

import type { ClientDef } from '../../ir/types.js';
import { renderPrompt } from '../template/render-prompt.js';
import type { RenderedPrompt } from '../template/types.js';
import { type ResolvedValue, resolveOptions } from './config-value.js';
import { HTTPRequest } from './http-request.js';
import { type Provider, providerFor } from './providers/index.js';
import type { LlmCallOptions } from './types.js';

export interface PreparedRequest {
  client: ClientDef;
  provider: Provider;
  options: Record<string, ResolvedValue>;
  prompt: RenderedPrompt;
  request: HTTPRequest;
  /** False when streaming was asked for but the client says `supports_streaming false`. */
  stream: boolean;
}

/** Renders (unless `prompt` is given) and encodes the request for a leaf client. */
export function prepareRequest(
  call: LlmCallOptions,
  client: ClientDef,
  stream: boolean,
  prompt?: RenderedPrompt,
): PreparedRequest {
  const provider = providerFor(client.provider, client.name);
  const options = resolveOptions(client.options, call.env);
  const allowedRoles = provider.allowedRoles(options);
  const rendered =
    prompt ??
    renderPrompt(
      call.program,
      call.functionName,
      call.args ?? {},
      { client: { name: client.name, provider: client.provider }, tags: call.tags ?? {} },
      { defaultRole: provider.defaultRole(options), ...(allowedRoles ? { allowedRoles } : {}) },
    );
  // A client that cannot stream is called normally; the answer then arrives as one delta.
  const effectiveStream = stream && options.supports_streaming !== false;
  const built = provider.buildRequest({
    clientName: client.name,
    provider: client.provider,
    options,
    prompt: rendered,
    stream: effectiveStream,
    env: call.env,
  });
  const request = new HTTPRequest(
    built.url,
    built.method,
    built.headers,
    JSON.stringify(built.body),
    built.secrets,
  );
  return { client, provider, options, prompt: rendered, request, stream: effectiveStream };
}
