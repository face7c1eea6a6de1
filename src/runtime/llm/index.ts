// LLM providers on fetch + Web streams: request building, calls, streaming, strategies.

export { shorthandClient } from '../../ir/shorthand-client.js';
export { buildRequest } from './build-request.js';
export { callLlm, streamLlm } from './call-llm.js';
export { HTTPRequest, HTTPRequestBody } from './http-request.js';
export { BamlMalformedResponseError, BamlStreamInterruptedError } from './llm-errors.js';
export { entryClientName, resolveClient } from './resolve-client.js';
export { describeAttempts, resetRoundRobin, retryDelay } from './strategy.js';
export type {
  AttemptRecord,
  LlmCallOptions,
  LlmResult,
  LlmStreamEvent,
  LlmUsage,
} from './types.js';
