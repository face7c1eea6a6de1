// BamlRuntime: the object a generated `baml_client/` holds (in globals.ts) and every generated
// method calls. It owns the orchestration of a call (options, arguments, client choice, the LLM
// call, parsing, errors, collectors) and leaves the work itself to an `Engine`.
import { shorthandClient } from '../../ir/shorthand-client.js';
import type { ClientDef, FunctionDef, Program } from '../../ir/types.js';
import { abortErrorFor } from '../errors/baml-abort-error.js';
import {
  BamlAbortError,
  BamlError,
  BamlInvalidArgumentError,
  BamlValidationError,
  toBamlError,
} from '../errors/index.js';
import { programWithTypeBuilder } from '../type-builder/type-builder.js';
import { BamlStream, SplitStreamError, type StreamSink } from './baml-stream.js';
import {
  type BamlCallOptions,
  type BamlParseOptions,
  resolveEnv,
  resolveSignal,
} from './call-options.js';
import {
  type Collector,
  completeFunctionLog,
  type FunctionLog,
  newFunctionLog,
} from './collector.js';
import type { Engine, HTTPRequest, LlmCallOptions, LlmResult } from './engine.js';
import { getDefaultEngine } from './engine-slot.js';
import { checkFinishReason } from './finish-reason.js';
import { promptText } from './prompt-text.js';
import { runStream } from './run-stream.js';
import { validateArgs } from './validate-args.js';

/** How a generated client builds its runtime. */
export interface BamlRuntimeOptions {
  /** The `.baml` sources, by path (kept for tooling and error messages). */
  sources?: Record<string, string>;
  /** @internal Replaces the parser/LLM layer; tests use it to run without a network. */
  engine?: Engine;
}

interface PreparedCall {
  /** The program the call runs on: the runtime's, with the call's type builder applied. */
  program: Program;
  fn: FunctionDef;
  llm: LlmCallOptions;
  options: BamlCallOptions;
  signal: AbortSignal | undefined;
  collectors: Collector[];
}

/**
 * The runtime behind a generated client. Generated code calls it; applications normally use
 * `b` from `baml_client` instead.
 */
export class BamlRuntime {
  readonly program: Program;
  readonly sources: Readonly<Record<string, string>>;
  readonly #engine: Engine;

  constructor(program: Program, options: BamlRuntimeOptions = {}) {
    this.program = program;
    this.sources = options.sources ?? {};
    this.#engine = options.engine ?? getDefaultEngine();
  }

  /** `await b.Fn(args)`: calls the LLM and returns the validated final value. */
  async call<F>(
    functionName: string,
    args: Record<string, unknown>,
    options?: BamlCallOptions,
  ): Promise<F> {
    const opts = options ?? {};
    if (opts.onTick) {
      // BAML routes calls with `onTick` through the streaming path so ticks can fire.
      const stream = this.stream<unknown, F>(functionName, args, opts);
      for await (const _ of stream) {
        // partials are only observed through onTick
      }
      return stream.getFinalResponse();
    }
    const call = this.#prepare(functionName, args, opts, 'call');
    const log = this.#startLog(call, 'call');
    let result: LlmResult | null = null;
    try {
      result = await raceAbort(this.#engine.callLlm(call.llm), call.signal);
      const prompt = promptText(result.prompt);
      const denied = checkFinishReason(
        this.#clientDef(call, result.clientName)?.options,
        result.finishReason,
        prompt,
        result.text,
      );
      if (denied) throw denied;
      const value = this.#parseFinal(call.program, call.fn, result.text, prompt);
      completeFunctionLog(log, result, null);
      return value as F;
    } catch (error) {
      const typed = abortAware(error, call.signal);
      completeFunctionLog(log, result, typed);
      throw typed;
    }
  }

  /** `b.stream.Fn(args)`: partial values as they are parsed, then the final value. */
  stream<P, F>(
    functionName: string,
    args: Record<string, unknown>,
    options?: BamlCallOptions,
  ): BamlStream<P, F> {
    const opts = options ?? {};
    let call: PreparedCall;
    try {
      call = this.#prepare(functionName, args, opts, 'stream');
    } catch (error) {
      // Argument errors surface from the stream like any other error, not from b.stream itself,
      // so `for await (… of b.stream.Fn(…))` has one place to catch them.
      return new BamlStream<P, F>(() => Promise.reject(toBamlError(error)));
    }
    const producer = (sink: StreamSink<P>, signal: AbortSignal) =>
      this.#runStream(call, sink as StreamSink<unknown>, signal) as Promise<F>;
    return new BamlStream<P, F>(producer, call.signal);
  }

  /** `b.request.Fn` / `b.streamRequest.Fn`: the provider HTTP request, built but not sent. */
  async buildRequest(
    functionName: string,
    args: Record<string, unknown>,
    options: BamlCallOptions | undefined,
    stream: boolean,
  ): Promise<HTTPRequest> {
    const call = this.#prepare(functionName, args, options ?? {}, 'request');
    try {
      return await raceAbort(this.#engine.buildRequest(call.llm, stream), call.signal);
    } catch (error) {
      throw abortAware(error, call.signal);
    }
  }

  /** `b.parse.Fn(text)`: parses an LLM answer into the final type. Synchronous. */
  parse<F>(functionName: string, text: string, options?: BamlParseOptions): F {
    const fn = this.#function(functionName);
    return this.#parseFinal(this.#programFor(options), fn, text, '') as F;
  }

  /** `b.parseStream.Fn(text)`: the partial value for an answer so far. Synchronous. */
  parseStream<P>(functionName: string, text: string, options?: BamlParseOptions): P {
    const fn = this.#function(functionName);
    const program = this.#programFor(options);
    if (typeof text !== 'string')
      throw new BamlInvalidArgumentError('parseStream: text must be a string');
    try {
      return this.#engine.parsePartial(program, fn.returnType, text) as P;
    } catch (error) {
      throw asValidationError(error, '', text);
    }
  }

  async #runStream(
    call: PreparedCall,
    sink: StreamSink<unknown>,
    signal: AbortSignal,
  ): Promise<unknown> {
    const log = this.#startLog(call, 'stream');
    try {
      const { value, result } = await runStream(
        {
          engine: this.#engine,
          program: call.program,
          fn: call.fn,
          llm: call.llm,
          onTick: call.options.onTick,
          checkFinishReason: (result, prompt) => {
            const options = this.#clientDef(call, result.clientName)?.options;
            const denied = checkFinishReason(options, result.finishReason, prompt, result.text);
            if (denied) throw denied;
          },
          validationError: asValidationError,
        },
        sink,
        signal,
      );
      completeFunctionLog(log, result, null);
      return value;
    } catch (error) {
      const typed = error instanceof SplitStreamError ? error : abortAware(error, signal);
      completeFunctionLog(log, null, typed instanceof SplitStreamError ? typed.forFinal : typed);
      throw typed;
    }
  }

  #parseFinal(program: Program, fn: FunctionDef, text: string, prompt: string): unknown {
    if (typeof text !== 'string')
      throw new BamlInvalidArgumentError('parse: text must be a string');
    try {
      return this.#engine.parseFinal(program, fn.returnType, text);
    } catch (error) {
      throw asValidationError(error, prompt, text);
    }
  }

  /** The runtime's program, or, with a type builder in the options, the program it makes. */
  #programFor(options: BamlParseOptions | undefined): Program {
    return options?.tb === undefined
      ? this.program
      : programWithTypeBuilder(this.program, options.tb);
  }

  #function(name: string): FunctionDef {
    const fn = this.program.functions[name];
    if (!fn) throw new BamlInvalidArgumentError(`Function ${name} does not exist`);
    return fn;
  }

  /** Everything a call needs before the LLM; what fails here is thrown as a `BamlError`. */
  #prepare(
    functionName: string,
    args: Record<string, unknown>,
    options: BamlCallOptions,
    kind: 'call' | 'stream' | 'request',
  ): PreparedCall {
    try {
      return this.#prepareUntyped(functionName, args, options, kind);
    } catch (error) {
      throw toBamlError(error);
    }
  }

  #prepareUntyped(
    functionName: string,
    args: Record<string, unknown>,
    options: BamlCallOptions,
    _kind: 'call' | 'stream' | 'request',
  ): PreparedCall {
    const signal = resolveSignal(options);
    if (signal?.aborted) throw abortErrorFor(signal);
    const fn = this.#function(functionName);
    const program = this.#programFor(options);
    const validArgs = validateArgs(program, fn, args ?? {});
    const llm: LlmCallOptions = {
      program,
      functionName,
      args: validArgs,
      clientName: fn.client,
      env: resolveEnv(options.env),
    };
    const registry = this.#registry(options);
    if (registry) llm.registry = registry;
    if (signal) llm.signal = signal;
    if (options.tags) llm.tags = { ...options.tags };
    const collectors = options.collector
      ? Array.isArray(options.collector)
        ? options.collector
        : [options.collector]
      : [];
    return { program, fn, llm, options, signal, collectors };
  }

  /** `clientRegistry` plus `client` (which becomes the primary, as in BAML). */
  #registry(options: BamlCallOptions): LlmCallOptions['registry'] {
    if (!options.client && !options.clientRegistry) return undefined;
    const snapshot = options.clientRegistry?.snapshot() ?? { clients: {} };
    const client = options.client;
    if (client) {
      if (!(client in snapshot.clients) && !(client in this.program.clients)) {
        const shorthand = shorthandClient(client);
        if (!shorthand) {
          throw new BamlInvalidArgumentError(
            `Unknown client ${JSON.stringify(client)}: use a declared client name or "provider/model"`,
          );
        }
        snapshot.clients[client] = shorthand;
      }
      snapshot.primary = client;
    }
    return snapshot;
  }

  #clientDef(call: PreparedCall, name: string): ClientDef | undefined {
    return call.llm.registry?.clients[name] ?? this.program.clients[name];
  }

  #startLog(call: PreparedCall, kind: 'call' | 'stream'): FunctionLog {
    const log = newFunctionLog(call.fn.name, kind, call.llm.tags ?? {});
    for (const collector of call.collectors) collector._start(log);
    return log;
  }
}

/** Rejects as soon as `signal` aborts, without waiting for `work` to notice. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  work.catch(() => {});
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortErrorFor(signal));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Any failure after an abort is reported as the abort. */
function abortAware(error: unknown, signal: AbortSignal | undefined): BamlError {
  if (signal?.aborted && !BamlAbortError.isInstance(error)) {
    return abortErrorFor(signal, { cause: error });
  }
  return toBamlError(error);
}

/** Parser failures become `BamlValidationError` carrying the prompt and the raw answer. */
function asValidationError(error: unknown, prompt: string, rawOutput: string): BamlError {
  if (BamlValidationError.isInstance(error)) {
    if (error.prompt === prompt && error.raw_output === rawOutput) return error;
    return new BamlValidationError(prompt, rawOutput, error.message, {
      cause: error,
      detailed_message: error.detailed_message,
    });
  }
  if (BamlError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new BamlValidationError(prompt, rawOutput, `Failed to parse LLM response: ${message}`, {
    cause: error,
  });
}
