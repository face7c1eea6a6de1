// Builds one leaf client's HTTP request: resolve options against env, render the prompt with
// that client's ctx (each fallback leg may render differently), resolve media URLs the way the
// provider takes them, encode for the provider.

import type { ClientDef } from '../../ir/types.js';
import { BamlClientHttpError, BamlError } from '../errors/index.js';
import { renderPrompt } from '../template/render-prompt.js';
import type { RenderedPrompt } from '../template/types.js';
import { type ResolvedValue, resolveOptions } from './config-value.js';
import { HTTPRequest } from './http-request.js';
import { mediaUrlModes, resolvePromptMedia } from './media-urls.js';
import { type Provider, type ProviderRequestInput, providerFor } from './providers/index.js';
import type { LlmCallOptions } from './types.js';

export interface PreparedRequest {
  client: ClientDef;
  provider: Provider;
  options: Record<string, ResolvedValue>;
  prompt: RenderedPrompt;
  request: HTTPRequest;
  /** False when streaming was asked for but the client says `supports_streaming false`. */
  stream: boolean;
  /** What the provider built the request from (signing needs it again). */
  input: ProviderRequestInput;
}

/**
 * Renders (unless `prompt` is given) and encodes the request for a leaf client. `preview` is
 * for `b.request` / `b.streamRequest`: a provider's refusal is then a plain `BamlError`, while
 * on a real call it is a `BamlClientHttpError` with status 2, as in BAML.
 */
export async function prepareRequest(
  call: LlmCallOptions,
  client: ClientDef,
  stream: boolean,
  prompt?: RenderedPrompt,
  preview = false,
): Promise<PreparedRequest> {
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
  const canStream =
    typeof options.supports_streaming === 'boolean'
      ? options.supports_streaming
      : (provider.supportsStreaming?.(options) ?? true);
  const effectiveStream = stream && canStream;
  const fetchFn = call.fetch ?? fetch;
  try {
    const withMedia = await resolvePromptMedia(
      rendered,
      mediaUrlModes(provider.mediaUrlModes(options), options),
      fetchFn,
      call.signal,
    );
    const input: ProviderRequestInput = {
      clientName: client.name,
      provider: client.provider,
      options,
      prompt: withMedia,
      stream: effectiveStream,
      env: call.env,
      preview,
      fetch: fetchFn,
    };
    const built = await provider.buildRequest(input);
    const request = new HTTPRequest(
      built.url,
      built.method,
      built.headers,
      JSON.stringify(built.body),
      built.secrets,
    );
    return {
      client,
      provider,
      options,
      prompt: withMedia,
      request,
      stream: effectiveStream,
      input,
    };
  } catch (error) {
    if (preview || !BamlError.isInstance(error) || (error as Error).name !== 'BamlError')
      throw error;
    throw new BamlClientHttpError(
      client.name,
      2,
      `Failed to create request builder: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
