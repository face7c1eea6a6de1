// Collector: records what happened during calls (timing, usage, the raw LLM text, the HTTP
// requests) so applications can log or bill them. Shaped like BAML's `Collector` /
// `FunctionLog`, with plain data objects instead of native handles.

/** Token counts; null when the provider did not report them. */
export interface Usage {
  inputTokens: number | null;
  outputTokens: number | null;
  cachedInputTokens: number | null;
}

/** When a call started and how long it took. */
export interface Timing {
  startTimeUtcMs: number;
  durationMs: number | null;
}

/** One attempt at an LLM (a call has several under retries or fallbacks). */
export interface LlmCall {
  clientName: string;
  provider: string;
  selected: boolean;
  httpRequest: unknown;
  /**
   * The provider's answer: its JSON body, or for a stream the list of event payloads (BAML
   * keeps nothing for streams). For a failed attempt, the error message.
   */
  httpResponse: unknown;
  usage: Usage;
  /** Why the model stopped (`stop`, `end_turn`, `MAX_TOKENS`, …), as the provider said it. */
  finishReason: string | null;
  timing: Timing;
}

/** One call of a BAML function through the client. */
export interface FunctionLog {
  id: string;
  functionName: string;
  logType: 'call' | 'stream';
  timing: Timing;
  usage: Usage;
  calls: LlmCall[];
  /** The LLM's text, exactly as received (also for streams). */
  rawLlmResponse: string | null;
  tags: Record<string, string>;
  selectedCall: LlmCall | null;
  /** The error the call ended with, if any. */
  error: unknown;
}

const emptyUsage = (): Usage => ({
  inputTokens: null,
  outputTokens: null,
  cachedInputTokens: null,
});

let nextId = 0;

/**
 * Collects a `FunctionLog` for every call it is passed to (`{ collector }` in call options).
 *
 * @example
 * const collector = new Collector('billing');
 * await b.ExtractPerson(text, { collector });
 * console.log(collector.last?.usage.outputTokens, collector.usage);
 */
export class Collector {
  readonly name: string;
  readonly #logs: FunctionLog[] = [];

  constructor(name = 'collector') {
    this.name = name;
  }

  /** Every call recorded so far, oldest first. */
  get logs(): FunctionLog[] {
    return [...this.#logs];
  }

  /** The most recent call, or null. */
  get last(): FunctionLog | null {
    return this.#logs[this.#logs.length - 1] ?? null;
  }

  /** The call with this id, or null. */
  id(id: string): FunctionLog | null {
    return this.#logs.find((l) => l.id === id) ?? null;
  }

  /** Token usage summed over every recorded call. */
  get usage(): Usage {
    const total = emptyUsage();
    for (const log of this.#logs) {
      for (const k of ['inputTokens', 'outputTokens', 'cachedInputTokens'] as const) {
        const v = log.usage[k];
        if (v !== null) total[k] = (total[k] ?? 0) + v;
      }
    }
    return total;
  }

  /** Forgets every recorded call. */
  clear(): void {
    this.#logs.length = 0;
  }

  /** @internal Called by the runtime when a call starts. */
  _start(log: FunctionLog): void {
    this.#logs.push(log);
  }
}

/** @internal A fresh log for a call that is starting now. */
export function newFunctionLog(
  functionName: string,
  logType: 'call' | 'stream',
  tags: Record<string, string>,
): FunctionLog {
  nextId += 1;
  return {
    id: `call-${Date.now().toString(36)}-${nextId}`,
    functionName,
    logType,
    timing: { startTimeUtcMs: Date.now(), durationMs: null },
    usage: emptyUsage(),
    calls: [],
    rawLlmResponse: null,
    tags: { ...tags },
    selectedCall: null,
    error: null,
  };
}

/** @internal Fills in a log from an LLM result (or the text received before a failure). */
export function completeFunctionLog(
  log: FunctionLog,
  result: {
    text?: string;
    clientName?: string;
    provider?: string;
    usage?: {
      inputTokens?: number | null;
      outputTokens?: number | null;
      cachedInputTokens?: number | null;
    };
    request?: unknown;
    rawResponse?: unknown;
    finishReason?: string | null;
    attempts?: readonly {
      clientName: string;
      provider: string;
      ok: boolean;
      error?: string;
      durationMs: number;
    }[];
  } | null,
  error: unknown,
): void {
  log.timing.durationMs = Date.now() - log.timing.startTimeUtcMs;
  log.error = error ?? null;
  if (!result) return;
  if (result.text !== undefined) log.rawLlmResponse = result.text;
  const usage: Usage = {
    inputTokens: result.usage?.inputTokens ?? null,
    outputTokens: result.usage?.outputTokens ?? null,
    cachedInputTokens: result.usage?.cachedInputTokens ?? null,
  };
  log.usage = usage;
  // Failed attempts (retries, fallbacks) first, then the one that answered.
  for (const attempt of result.attempts ?? []) {
    if (attempt.ok) continue;
    log.calls.push({
      clientName: attempt.clientName,
      provider: attempt.provider,
      selected: false,
      httpRequest: null,
      httpResponse: attempt.error ?? null,
      usage: emptyUsage(),
      finishReason: null,
      timing: { startTimeUtcMs: log.timing.startTimeUtcMs, durationMs: attempt.durationMs },
    });
  }
  if (result.clientName !== undefined) {
    const call: LlmCall = {
      clientName: result.clientName,
      provider: result.provider ?? '',
      selected: true,
      httpRequest: result.request ?? null,
      httpResponse: result.rawResponse ?? null,
      usage,
      finishReason: result.finishReason ?? null,
      timing: { ...log.timing },
    };
    log.calls.push(call);
    log.selectedCall = call;
  }
}
