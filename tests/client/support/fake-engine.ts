// A stand-in for the parser and LLM layers, so the client orchestration (options, abort, errors,
// stream delivery) can be tested on its own against a loopback server. The "parser" is a toy:
// a `string` target yields the text so far; any other target yields a value only once the text
// so far is valid JSON. The LLM layer is a minimal OpenAI-compatible SSE client over fetch.
import type { Program, Type } from '../../../src/ir/types.js';
import type {
  Engine,
  LlmCallOptions,
  LlmResult,
  LlmStreamEvent,
  StreamParser,
} from '../../../src/runtime/client/index.js';
import { BamlClientHttpError, BamlValidationError } from '../../../src/runtime/errors/index.js';
import { HTTPRequest } from '../../../src/runtime/llm/http-request.js';
import type { RenderedPrompt } from '../../../src/runtime/template/index.js';

const UNCHANGED = Symbol('unchanged');

const isString = (t: Type) => t.kind === 'primitive' && t.name === 'string';

function parseFinal(_program: Program, target: Type, text: string): unknown {
  if (isString(target)) return text;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BamlValidationError('', text, `Failed to parse LLM response: ${String(error)}`);
  }
}

function parsePartial(program: Program, target: Type, text: string): unknown {
  return parseFinal(program, target, text);
}

function createStreamParser(program: Program, target: Type): StreamParser {
  let text = '';
  let last: string | undefined;
  const current = () => {
    try {
      const value = parsePartial(program, target, text);
      const key = JSON.stringify(value);
      if (key === last) return UNCHANGED;
      last = key;
      return value;
    } catch {
      return UNCHANGED;
    }
  };
  return {
    write(chunk) {
      text += chunk;
    },
    current,
    push(chunk) {
      text += chunk;
      return current();
    },
    finish() {
      const value = parseFinal(program, target, text);
      return { value, partial: current() };
    },
    get text() {
      return text;
    },
  };
}

function baseUrl(options: LlmCallOptions): string {
  const url = options.env.FAKE_BASE_URL;
  if (!url) throw new Error('FAKE_BASE_URL is not set');
  return url;
}

function requestBody(options: LlmCallOptions, stream: boolean) {
  const client = options.registry?.primary ?? options.clientName;
  return {
    model: client,
    messages: [{ role: 'user', content: JSON.stringify(options.args) }],
    ...(stream ? { stream: true } : {}),
  };
}

async function post(options: LlmCallOptions, stream: boolean): Promise<Response> {
  const init: RequestInit = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(requestBody(options, stream)),
  };
  if (options.signal) init.signal = options.signal;
  const response = await (options.fetch ?? fetch)(`${baseUrl(options)}/chat/completions`, init);
  if (!response.ok) {
    const body = await response.text();
    throw new BamlClientHttpError(options.clientName, response.status, `Request failed: ${body}`, {
      raw_response: body,
    });
  }
  return response;
}

const prompt = (options: LlmCallOptions): RenderedPrompt => ({
  kind: 'chat',
  messages: [{ role: 'user', parts: [{ type: 'text', text: JSON.stringify(options.args) }] }],
});

function httpRequest(options: LlmCallOptions, stream: boolean): HTTPRequest {
  const body = JSON.stringify(requestBody(options, stream));
  return new HTTPRequest(
    `${baseUrl(options)}/chat/completions`,
    'POST',
    { 'content-type': 'application/json' },
    body,
  );
}

const result = (options: LlmCallOptions, text: string, finishReason: string | null): LlmResult => ({
  text,
  finishReason,
  clientName: options.registry?.primary ?? options.clientName,
  provider: 'openai-generic',
  model: null,
  prompt: prompt(options),
  usage: { inputTokens: 3, outputTokens: 5 },
  attempts: [],
  request: httpRequest(options, finishReason === null),
});

async function* streamLlm(options: LlmCallOptions): AsyncGenerator<LlmStreamEvent> {
  const response = await post(options, true);
  yield {
    type: 'start',
    attempt: 1,
    clientName: options.clientName,
    provider: 'openai-generic',
    prompt: prompt(options),
  };
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let text = '';
  let finishReason: string | null = null;
  // Like the real LLM layer, the response's first event is passed on even without text.
  let opened = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        const data = event.replace(/^data: /, '');
        if (data === '[DONE]') continue;
        const choice = JSON.parse(data).choices[0];
        if (choice.finish_reason) finishReason = choice.finish_reason;
        const delta: string = choice.delta?.content ?? '';
        if (delta || !opened) {
          text += delta;
          yield { type: 'delta', text: delta };
        }
        opened = true;
      }
    }
  } finally {
    reader.releaseLock();
  }
  if (finishReason === null) throw new Error('stream ended without a finish reason');
  yield { type: 'end', result: result(options, text, finishReason) };
}

/** The fake engine; `UNCHANGED` is its "no new partial" sentinel. */
export const fakeEngine: Engine = {
  unchanged: UNCHANGED,
  parseFinal,
  parsePartial,
  createStreamParser,
  async buildRequest(options, stream) {
    return httpRequest(options, stream);
  },
  async callLlm(options) {
    const response = await post(options, false);
    const json = (await response.json()) as any;
    return result(options, json.choices[0].message.content, json.choices[0].finish_reason);
  },
  streamLlm,
};
