// One HTTP attempt against one leaf client: send, read (whole JSON or SSE), check the finish
// reason, and turn every failure into a typed error. Retries and fallbacks live in strategy.ts.

import { abortErrorFor } from '../errors/baml-abort-error.js';
import {
  BamlClientError,
  BamlClientFinishReasonError,
  BamlClientHttpError,
  BamlError,
  BamlTimeoutError,
} from '../errors/index.js';
import { type EventSourceMessage, readSseEvents, SseIdleTimeoutError } from '../sse/index.js';
import { promptToText } from '../template/split-messages.js';
import { readAwsEventStream } from './aws-event-stream.js';
import type { ResolvedValue } from './config-value.js';
import { BamlStreamInterruptedError, parseJsonPayload } from './llm-errors.js';
import type { PreparedRequest } from './prepare-request.js';
import type { ProviderAnswer } from './providers/index.js';
import { promptMessages, stringListOption } from './providers/provider-options.js';
import { readTimeouts } from './timeouts.js';

export interface AttemptOutcome {
  answer: ProviderAnswer;
  status: number;
  rawResponse: unknown;
}

export interface AttemptOptions {
  signal?: AbortSignal | undefined;
  fetch?: typeof fetch | undefined;
  /**
   * Streaming: receives each text delta as it arrives. The response's first event is always
   * reported, with an empty delta when it carries no text, so the caller knows the answer began.
   */
  onDelta?: (text: string) => void;
  stream: boolean;
}

type TimeoutKind = 'request' | 'connect' | 'first token' | 'idle';

/** Checks `finish_reason_allow_list` / `finish_reason_deny_list`. */
export function checkFinishReason(prepared: PreparedRequest, answer: ProviderAnswer): void {
  const allow = stringListOption(prepared.options, 'finish_reason_allow_list');
  const deny = stringListOption(prepared.options, 'finish_reason_deny_list');
  const reason = answer.finishReason;
  const rejected =
    (allow !== undefined && (reason === null || !allow.includes(reason))) ||
    (deny !== undefined && reason !== null && deny.includes(reason));
  if (!rejected) return;
  // The prompt as the chat API received it (`system: …`), like BAML's error text.
  const messages = promptMessages(
    prepared.prompt,
    prepared.provider.defaultRole(prepared.options),
    prepared.options,
  );
  const prompt = promptToText({ kind: 'chat', messages });
  throw new BamlClientFinishReasonError(
    prompt,
    answer.text,
    'Finish reason not allowed',
    reason ?? undefined,
    {
      detailed_message: `Finish reason not allowed\nPrompt: ${prompt}\n\nRaw Response: ${answer.text}\nFinish Reason: ${reason}`,
    },
  );
}

/** An event as kept in a stream's raw response: its JSON payload, else its text. */
function rawEvent(event: EventSourceMessage): unknown {
  try {
    return JSON.parse(event.data);
  } catch {
    return event.data;
  }
}

/** Sends one request and returns the provider's answer, or throws a typed error. */
export async function runAttempt(
  prepared: PreparedRequest,
  options: AttemptOptions,
): Promise<AttemptOutcome> {
  const { request, client } = prepared;
  const timeouts = readTimeouts(prepared.options as Record<string, ResolvedValue>);
  const controller = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, controller.signal])
    : controller.signal;
  let timedOut: TimeoutKind | undefined;
  const timers: ReturnType<typeof setTimeout>[] = [];
  const arm = (kind: TimeoutKind, ms: number | undefined) => {
    if (ms === undefined) return undefined;
    const timer = setTimeout(() => {
      timedOut = kind;
      controller.abort();
    }, ms);
    timers.push(timer);
    return timer;
  };
  arm('request', timeouts.requestMs);
  const connectTimer = arm('connect', timeouts.connectMs);
  let firstTokenTimer = options.stream ? arm('first token', timeouts.firstTokenMs) : undefined;
  let text = '';

  const failure = (error: unknown): BamlError => {
    if (options.signal?.aborted) return abortErrorFor(options.signal);
    if (timedOut || error instanceof SseIdleTimeoutError) {
      const kind = timedOut ?? 'idle';
      const ms =
        kind === 'request'
          ? timeouts.requestMs
          : kind === 'connect'
            ? timeouts.connectMs
            : kind === 'first token'
              ? timeouts.firstTokenMs
              : timeouts.idleMs;
      return new BamlTimeoutError(
        client.name,
        `Request to client ${client.name} timed out (${kind} timeout of ${ms} ms)`,
        {
          cause: error,
          ...(text ? { detailed_message: `Timed out after receiving: ${text}` } : {}),
        },
      );
    }
    if (BamlError.isInstance(error)) return error;
    const message = request.redact(error instanceof Error ? error.message : String(error));
    return new BamlClientError(`Request to client ${client.name} failed: ${message}`, {
      cause: error,
    });
  };

  try {
    let response: Response;
    try {
      const body = request.body.text();
      // Signing (AWS SigV4) covers the final url, headers and body, so it happens last.
      const signed = prepared.provider.signRequest
        ? await prepared.provider.signRequest(
            { url: request.url, method: request.method, headers: request.headers, body },
            prepared.input,
          )
        : {};
      response = await (options.fetch ?? fetch)(request.url, {
        method: request.method,
        headers: { ...request.headers, ...signed },
        body,
        signal,
      });
    } finally {
      if (connectTimer) clearTimeout(connectTimer);
    }

    if (!response.ok) {
      const body = request.redact(await response.text().catch(() => ''));
      throw new BamlClientHttpError(
        client.name,
        response.status,
        // BAML's wording; its streaming path separates the body with ", \n" instead of ". ".
        `Request failed with status code: ${response.status} ${response.statusText}${options.stream ? ', \n' : '. '}${body}`,
        { raw_response: body },
      );
    }

    if (!options.stream) {
      const raw = parseJsonPayload(client.name, await response.text(), 'response body');
      const answer = prepared.provider.parseResponse(raw, prepared.options);
      text = answer.text;
      checkFinishReason(prepared, answer);
      return { answer, status: response.status, rawResponse: raw };
    }

    if (!response.body)
      throw new BamlStreamInterruptedError(
        client.name,
        '',
        `Client ${client.name} returned no body`,
      );
    const decoder = prepared.provider.createStreamDecoder(client.name, prepared.options);
    // OpenAI-style streams open with an empty delta (`{"role":"assistant","content":""}`), on
    // which BAML yields the empty-answer partial; other providers open with a metadata event.
    // Either way the first event is passed on, even without text.
    let opened = false;
    // Every event's payload, kept as the stream's raw response (collector, errors).
    const rawEvents: unknown[] = [];
    const idle = timeouts.idleMs ? { idleTimeoutMs: timeouts.idleMs } : {};
    const events =
      prepared.provider.streamFraming === 'aws-event-stream'
        ? readAwsEventStream(response.body, idle)
        : readSseEvents(response.body, idle);
    try {
      for await (const event of events) {
        rawEvents.push(rawEvent(event));
        const delta = decoder.push(event);
        if (delta) {
          if (firstTokenTimer) {
            clearTimeout(firstTokenTimer);
            firstTokenTimer = undefined;
          }
          text += delta;
        }
        if (delta || !opened) options.onDelta?.(delta);
        opened = true;
        if (decoder.ended) break;
      }
    } catch (error) {
      if (
        options.signal?.aborted ||
        timedOut ||
        error instanceof SseIdleTimeoutError ||
        BamlError.isInstance(error)
      )
        throw error;
      // The connection broke mid-body: keep what arrived.
      throw new BamlStreamInterruptedError(
        client.name,
        text,
        `Stream from client ${client.name} was cut off: ${request.redact(String(error))}`,
        {
          cause: error,
        },
      );
    }
    if (!decoder.finished) {
      throw new BamlStreamInterruptedError(
        client.name,
        text,
        `Stream from client ${client.name} ended before the response was complete`,
      );
    }
    const answer = { ...decoder.summary(), text };
    checkFinishReason(prepared, answer);
    return { answer, status: response.status, rawResponse: rawEvents };
  } catch (error) {
    throw failure(error);
  } finally {
    for (const t of timers) clearTimeout(t);
  }
}
