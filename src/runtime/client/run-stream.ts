// The pipeline behind `b.stream.Fn`: LLM stream events → incremental parser → partials.
//
// - Every attempt (a retry or a fallback client) starts a fresh parser.
// - The empty-answer partial is shown when the provider's response starts (BAML yields it on
//   the opening empty delta): the LLM layer reports that moment as an attempt's first delta,
//   empty when the opening event carries no text.
// - Each chunk is scanned at once (`write`), but its partial is built only when the consumer
//   asks (`current`, through the channel's lazy slot): a waiting consumer gets it in the same
//   turn, a slow one gets the newest partial and pays for no intermediate ones.
// - The stream ends with the final value in partial form, as BAML's iterator does.
import { mayHoldStreamState } from '../../ir/type-queries.js';
import type { FunctionDef, Program } from '../../ir/types.js';
import { abortErrorFor } from '../errors/baml-abort-error.js';
import { BamlClientFinishReasonError, BamlError, BamlValidationError } from '../errors/index.js';
import { SplitStreamError, type StreamSink } from './baml-stream.js';
import type { Engine, LlmCallOptions, LlmResult, StreamParser } from './engine.js';
import { NOTHING_NEW } from './latest-value-channel.js';
import { promptText } from './prompt-text.js';

/** What one streamed call needs. */
export interface StreamRun {
  engine: Engine;
  program: Program;
  fn: FunctionDef;
  llm: LlmCallOptions;
  onTick?: ((reason: 'Unknown', log: null) => void) | undefined;
  /** Raises a denied finish reason (when the LLM layer has not already). */
  checkFinishReason(result: LlmResult, prompt: string): void;
  /** Turns a parser failure into a BamlValidationError with prompt and raw output. */
  validationError(error: unknown, prompt: string, rawOutput: string): BamlError;
}

/** Runs one streamed call; resolves with the final value, reporting partials to `sink`. */
export async function runStream(
  run: StreamRun,
  sink: StreamSink<unknown>,
  signal: AbortSignal,
): Promise<{ value: unknown; result: LlmResult | null; text: string }> {
  const { engine } = run;
  const unchanged = engine.unchanged;
  let parser: StreamParser | null = null;
  let started = false; // the empty-answer partial was offered for this attempt
  let last: unknown = unchanged;
  let result: LlmResult | null = null;
  let prompt = '';

  const emit = (value: unknown) => {
    if (value === unchanged) return;
    last = value;
    sink.partial(value);
  };
  // One parser per attempt, and one function that builds its newest partial when pulled.
  let pull: () => unknown = () => NOTHING_NEW;
  const startParser = (): StreamParser => {
    const current = engine.createStreamParser(run.program, run.fn.returnType);
    pull = () => {
      let value: unknown;
      try {
        value = current.current();
      } catch {
        return NOTHING_NEW; // no partial for this prefix (e.g. a top-level number being typed)
      }
      if (value === unchanged) return NOTHING_NEW;
      last = value;
      return value;
    };
    parser = current;
    return current;
  };
  const push = (text: string) => {
    if (!parser) return;
    parser.write(text);
    sink.partialLazy(pull);
  };
  const offerEmptyPartial = () => {
    if (started || !parser) return;
    started = true;
    push('');
  };

  try {
    for await (const event of run.engine.streamLlm({ ...run.llm, signal })) {
      if (signal.aborted) break;
      run.onTick?.('Unknown', null);
      if (event.type === 'start') {
        sink.flush(); // the previous attempt's partials come before the new attempt's
        prompt = promptText(event.prompt);
        startParser();
        started = false;
        last = unchanged;
      } else if (event.type === 'delta') {
        parser ??= startParser();
        offerEmptyPartial();
        if (event.text !== '') push(event.text);
      } else {
        result = event.result;
      }
    }
    if (signal.aborted) throw abortErrorFor(signal);
    if (!result) throw new BamlError('The LLM stream ended without a result');
    parser ??= startParser();
    prompt = promptText(result.prompt) || prompt;
    sink.flush(); // `last` must be the newest partial before the final one is chosen
    run.checkFinishReason(result, prompt);
    let finished: { value: unknown; partial: unknown };
    try {
      finished = parser.finish();
    } catch (error) {
      throw run.validationError(error, prompt, result.text);
    }
    emit(finalPartial(run, finished, last, unchanged));
    return { value: finished.value, result, text: result.text };
  } catch (error) {
    if (BamlClientFinishReasonError.isInstance(error)) {
      // BAML still yields the answer so far in partial form, then its iterator reports a denied
      // finish reason as a validation failure while getFinalResponse() reports the finish-reason
      // error itself. Both stay typed here.
      try {
        sink.flush();
        if (parser) emit((parser as StreamParser).finish().partial);
      } catch {
        // the answer does not parse either; the finish reason is the error to report
      }
      const forIterator = new BamlValidationError(
        error.prompt,
        error.raw_output,
        `Failed to parse LLM response: Finish reason error: ${error.message}`,
        { cause: error },
      );
      throw new SplitStreamError(forIterator, error);
    }
    throw error;
  }
}

/**
 * The last partial of a successful stream: the parser's final partial, or, when the parser has
 * none that differs from the last one shown, the final value itself if that differs (a
 * top-level number has no partial form; a trailing number only completes at the end).
 * Not done for types with `@stream.with_state`, whose partials are shaped differently.
 */
function finalPartial(
  run: StreamRun,
  finished: { value: unknown; partial: unknown },
  last: unknown,
  unchanged: symbol,
): unknown {
  if (finished.partial !== unchanged) return finished.partial;
  if (mayHoldStreamState(run.program, run.fn.returnType)) return unchanged;
  if (last !== unchanged && sameJson(last, finished.value)) return unchanged;
  return finished.value;
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}
