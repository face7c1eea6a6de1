// `callLlm` / `streamLlm`: one function call's LLM round trip under the client's strategy.

import type { ClientDef } from '../../ir/types.js';
import { abortErrorFor } from '../errors/baml-abort-error.js';
import { BamlError, toBamlError } from '../errors/index.js';
import { AsyncQueue } from './async-queue.js';
import { prepareRequest } from './prepare-request.js';
import { entryClientName } from './resolve-client.js';
import { runAttempt } from './run-attempt.js';
import { runWithStrategy } from './strategy.js';
import type { AttemptRecord, LlmCallOptions, LlmResult, LlmStreamEvent } from './types.js';

function statusOf(error: unknown): number | undefined {
  const s = (error as { status_code?: unknown } | null)?.status_code;
  return typeof s === 'number' ? s : undefined;
}

async function attemptLeaf(
  call: LlmCallOptions,
  client: ClientDef,
  delayMs: number,
  attempts: AttemptRecord[],
  stream: boolean,
  signal: AbortSignal | undefined,
  emit?: (event: LlmStreamEvent) => void,
): Promise<LlmResult> {
  const started = Date.now();
  const record: AttemptRecord = {
    attempt: attempts.length + 1,
    clientName: client.name,
    provider: client.provider,
    delayMs,
    ok: false,
    durationMs: 0,
  };
  attempts.push(record);
  try {
    const prepared = await prepareRequest(call, client, stream);
    emit?.({
      type: 'start',
      attempt: record.attempt,
      clientName: client.name,
      provider: client.provider,
      prompt: prepared.prompt,
    });
    const outcome = await runAttempt(prepared, {
      stream: prepared.stream,
      signal,
      fetch: call.fetch,
      ...(emit ? { onDelta: (text: string) => emit({ type: 'delta', text }) } : {}),
    });
    // `supports_streaming false`: the whole answer is one delta, sent even when empty because a
    // delta is also what tells a stream consumer that the response started.
    if (stream && !prepared.stream) emit?.({ type: 'delta', text: outcome.answer.text });
    record.ok = true;
    record.status = outcome.status;
    const result: LlmResult = {
      text: outcome.answer.text,
      finishReason: outcome.answer.finishReason,
      usage: outcome.answer.usage,
      clientName: client.name,
      provider: client.provider,
      model: outcome.answer.model,
      prompt: prepared.prompt,
      attempts,
      request: prepared.request,
    };
    if (outcome.rawResponse !== undefined) result.rawResponse = outcome.rawResponse;
    return result;
  } catch (error) {
    const e = toBamlError(error);
    record.error = e.message;
    record.errorName = e.name;
    const status = statusOf(e);
    if (status !== undefined) record.status = status;
    throw e;
  } finally {
    record.durationMs = Date.now() - started;
    call.onAttempt?.(record);
  }
}

/**
 * Calls the function's LLM and returns the whole answer. Renders the prompt with the selected
 * client's ctx, applies retry / fallback / round-robin and the finish-reason lists.
 *
 * @example
 * const result = await callLlm({ program, functionName: 'Extract', clientName: 'GPT4', env: process.env, args: { text } });
 * result.text; result.usage.outputTokens;
 */
export async function callLlm(call: LlmCallOptions): Promise<LlmResult> {
  if (call.signal?.aborted) throw abortErrorFor(call.signal);
  const attempts: AttemptRecord[] = [];
  try {
    return await runWithStrategy(call, entryClientName(call), attempts, (client, delay) =>
      attemptLeaf(call, client, delay, attempts, false, call.signal),
    );
  } catch (error) {
    throw toBamlError(error);
  }
}

/**
 * Streams the function's LLM answer: a `start` event per attempt, `delta`s, then `end` with the
 * full result. Errors reject the iterator; aborting `signal` aborts the fetch at once and rejects
 * with `BamlAbortError`. Stopping the iteration early cancels the request.
 */
export function streamLlm(call: LlmCallOptions): AsyncIterable<LlmStreamEvent> {
  const queue = new AsyncQueue<LlmStreamEvent>();
  const internal = new AbortController();
  const signal = call.signal ? AbortSignal.any([call.signal, internal.signal]) : internal.signal;
  queue.onCancel = () => internal.abort();
  const onAbort = () => queue.fail(abortErrorFor(call.signal));
  if (call.signal?.aborted) onAbort();
  else call.signal?.addEventListener('abort', onAbort, { once: true });

  if (!call.signal?.aborted) {
    const attempts: AttemptRecord[] = [];
    const strategyCall = { ...call, signal };
    runWithStrategy(strategyCall, entryClientName(call), attempts, (client, delay) =>
      attemptLeaf(strategyCall, client, delay, attempts, true, signal, (event) =>
        queue.push(event),
      ),
    )
      .then(
        (result) => {
          queue.push({ type: 'end', result });
          queue.close();
        },
        (error) => {
          const e = call.signal?.aborted ? abortErrorFor(call.signal) : toBamlError(error);
          queue.fail(e instanceof BamlError ? e : toBamlError(e));
        },
      )
      .finally(() => call.signal?.removeEventListener('abort', onAbort));
  }
  return queue;
}
