// AWS Bedrock (`aws-bedrock`): the Converse API (`POST /model/{model}/converse`) and, streamed,
// ConverseStream (`/converse-stream`, binary AWS event-stream framing, see aws-event-stream.ts).
// Requests are signed with SigV4 just before they are sent (aws4fetch, on Web Crypto), from the
// credentials BAML would use (the client's keys, AWS_* variables, shared profile files, SSO, web
// identity, ECS, EC2: see aws-credentials/chain.ts). `b.request` shows the unsigned request
// and `b.streamRequest` is refused, as in BAML.

import { AwsV4Signer } from 'aws4fetch';
import { BamlError, BamlInvalidArgumentError } from '../../errors/index.js';
import type { EventSourceMessage } from '../../sse/index.js';
import type { ChatMessage, MessagePart } from '../../template/types.js';
import { type AwsCredentials, resolveAwsCredentials } from '../aws-credentials/chain.js';
import { profileName, profileRegion } from '../aws-credentials/profile-files.js';
import type { ResolvedValue } from '../config-value.js';
import { inStreamError } from '../llm-errors.js';
import { jsonPostRequest } from './json-post-request.js';
import type {
  MediaKind,
  MediaUrlMode,
  Provider,
  ProviderAnswer,
  ProviderRequestInput,
} from './provider.js';
import {
  allowedRolesOption,
  defaultRoleOption,
  leadingSystem,
  numberOrNull,
  oneSystemPrompt,
  promptMessages,
  stringOption,
} from './provider-options.js';
import { ProviderStreamDecoder } from './provider-stream-decoder.js';

const MEDIA_URL_MODES: Record<MediaKind, MediaUrlMode> = {
  image: 'send_base64',
  audio: 'send_base64',
  pdf: 'send_base64',
  video: 'send_url',
};

/** Percent-encodes a path segment: everything but letters, digits and `-_.~`. */
function encodeSegment(segment: string): string {
  return Array.from(new TextEncoder().encode(segment), (b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

function modelOf(input: ProviderRequestInput): string {
  const model = stringOption(input.options, 'model') ?? stringOption(input.options, 'model_id');
  if (!model)
    throw new BamlInvalidArgumentError(`client ${input.clientName}: aws-bedrock needs a model`);
  return model;
}

/**
 * The client's region, else AWS_REGION / AWS_DEFAULT_REGION; for a real call (not `b.request`,
 * where BAML stops there), else the `region` of the client's profile in the shared AWS files.
 */
async function regionOf(input: ProviderRequestInput): Promise<string> {
  let region =
    stringOption(input.options, 'region') || input.env.AWS_REGION || input.env.AWS_DEFAULT_REGION;
  if (!region && !input.preview)
    region = await profileRegion(
      profileName(stringOption(input.options, 'profile'), input.env),
      input.env,
    ).catch(() => undefined);
  if (!region)
    throw new BamlError(
      'AWS region is required to build modular request. Set it in the client options or via AWS_REGION.',
    );
  return region;
}

type Media = Extract<MessagePart, { type: 'media' }>['media'];

function mediaBlock(media: Media): Record<string, unknown> {
  const block: Record<string, unknown> = {};
  if (media.mediaType) block.format = media.mediaType.replace(/^[^/]*\//, '');
  if (media.url !== undefined) {
    if (!media.url.startsWith('s3://'))
      throw new BamlError(`AWS Bedrock requires s3:// URIs, but got: ${media.url}`);
    block.source = { s3Location: { uri: media.url } };
  } else block.source = { bytes: media.base64 };
  if (media.kind === 'pdf') return { document: { ...block, name: 'document' } };
  return { [media.kind]: block };
}

function contentBlocks(message: ChatMessage): Record<string, unknown>[] {
  return message.parts.map((p) => (p.type === 'text' ? { text: p.text } : mediaBlock(p.media)));
}

/** `inference_configuration { max_tokens … }` in Converse's camelCase. */
function inferenceConfig(options: Record<string, ResolvedValue>): Record<string, unknown> | null {
  const c = options.inference_configuration;
  if (!c || typeof c !== 'object' || Array.isArray(c)) return null;
  const names: Record<string, string> = {
    max_tokens: 'maxTokens',
    temperature: 'temperature',
    top_p: 'topP',
    stop_sequences: 'stopSequences',
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) {
    const name = names[k];
    if (name && v !== null) out[name] = v;
  }
  return Object.keys(out).length > 0 ? out : null;
}

function converseBody(input: ProviderRequestInput, defaultRole: string): Record<string, unknown> {
  const { options } = input;
  const { system, rest } = leadingSystem(
    oneSystemPrompt(promptMessages(input.prompt, defaultRole, options)),
  );
  const body: Record<string, unknown> = {
    messages: rest.map((m) => ({ role: m.role, content: contentBlocks(m) })),
  };
  if (system)
    body.system = system.parts.map((p) => {
      if (p.type !== 'text')
        throw new BamlError('AWS Bedrock only supports text system blocks, but got media');
      return { text: p.text };
    });
  const config = inferenceConfig(options);
  if (config) body.inferenceConfig = config;
  const extra = options.additional_model_request_fields;
  if (extra && typeof extra === 'object' && !Array.isArray(extra) && Object.keys(extra).length > 0)
    body.additionalModelRequestFields = extra;
  return body;
}

/** The credentials the client signs with (aws-credentials/chain.ts: BAML's order). */
function credentialsOf(input: ProviderRequestInput, region: string): Promise<AwsCredentials> {
  const { options } = input;
  return resolveAwsCredentials({
    clientName: input.clientName,
    accessKeyId: stringOption(options, 'access_key_id'),
    secretAccessKey: stringOption(options, 'secret_access_key'),
    sessionToken: stringOption(options, 'session_token'),
    profile: stringOption(options, 'profile'),
    region,
    env: input.env,
    fetch: input.fetch,
  });
}

function usageOf(u: unknown) {
  const usage = (u ?? {}) as Record<string, any>;
  return {
    inputTokens: numberOrNull(usage.inputTokens),
    outputTokens: numberOrNull(usage.outputTokens),
    cachedInputTokens: numberOrNull(usage.cacheReadInputTokens),
  };
}

/** HTTP statuses of the exceptions ConverseStream can send after its 200. */
const EXCEPTION_STATUS: Record<string, number> = {
  throttlingException: 429,
  validationException: 400,
  accessDeniedException: 403,
  resourceNotFoundException: 404,
  modelStreamErrorException: 424,
  modelTimeoutException: 408,
  internalServerException: 500,
  serviceUnavailableException: 503,
};

class ConverseStreamDecoder extends ProviderStreamDecoder {
  /** `metadata` (usage) follows `messageStop`: read the body to its end. */
  override get ended(): boolean {
    return false;
  }

  override push(event: EventSourceMessage): string {
    const payload = this.parseEvent(event.data);
    if (event.id === 'exception') {
      const type = event.event ?? 'exception';
      throw inStreamError(
        this.clientName,
        { type, code: EXCEPTION_STATUS[type] ?? 500, message: payload.message ?? payload.Message },
        event.data,
      );
    }
    switch (event.event) {
      case 'contentBlockDelta':
        return typeof payload.delta?.text === 'string' ? payload.delta.text : '';
      case 'messageStop':
        this.finishReason = payload.stopReason ?? null;
        this.finished = true;
        return '';
      case 'metadata':
        this.usage = usageOf(payload.usage);
        return '';
      default:
        return '';
    }
  }
}

/** The `aws-bedrock` provider. */
export const awsBedrockProvider: Provider = {
  defaultRole: (options) => defaultRoleOption(options, allowedRolesOption(options), 'user'),
  allowedRoles: (options) => allowedRolesOption(options),
  mediaUrlModes: () => MEDIA_URL_MODES,
  streamFraming: 'aws-event-stream',

  async buildRequest(input) {
    if (input.preview && input.stream)
      throw new BamlError(
        'AWS Bedrock modular streaming is not supported. Use non-streaming modular requests.',
      );
    const base =
      stringOption(input.options, 'endpoint_url') ??
      `https://bedrock-runtime.${await regionOf(input)}.amazonaws.com`;
    const url = `${base.replace(/\/+$/, '')}/model/${encodeSegment(modelOf(input))}/${input.stream ? 'converse-stream' : 'converse'}`;
    const request = jsonPostRequest(
      url,
      converseBody(input, this.defaultRole(input.options)),
      { ...input.options, headers: {} },
      { headers: {}, secrets: [] },
      { accept: input.stream ? 'application/vnd.amazon.eventstream' : 'application/json' },
    );
    return request;
  },

  async signRequest(request, input) {
    const region = await regionOf(input);
    const { accessKeyId, secretAccessKey, sessionToken } = await credentialsOf(input, region);
    const signer = new AwsV4Signer({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.body,
      service: 'bedrock',
      region,
      accessKeyId,
      secretAccessKey,
      ...(sessionToken ? { sessionToken } : {}),
    });
    const signed = await signer.sign();
    const added: Record<string, string> = {};
    signed.headers.forEach((value, name) => {
      if (request.headers[name] === undefined) added[name] = value;
    });
    return added;
  },

  parseResponse(json): ProviderAnswer {
    const r = json as Record<string, any>;
    const content: any[] = Array.isArray(r.output?.message?.content)
      ? r.output.message.content
      : [];
    return {
      text: content
        .filter((b) => typeof b?.text === 'string')
        .map((b) => b.text)
        .join(''),
      finishReason: typeof r.stopReason === 'string' ? r.stopReason : null,
      usage: usageOf(r.usage),
      model: null,
    };
  },

  createStreamDecoder: (clientName) => new ConverseStreamDecoder(clientName),
};
