// The seam between the client runtime (this folder) and the modules that do the work: the
// schema-aligned parser (../parse), prompt rendering (../template) and the LLM providers (../llm).
// `BamlRuntime` talks only to this interface, so tests can drive the whole call/stream
// orchestration with fakes, and `default-engine.ts` is the one file that binds the real modules.
import type { Program, Type } from '../../ir/types.js';
import type { HTTPRequest } from '../llm/http-request.js';
import type { LlmCallOptions, LlmResult, LlmStreamEvent } from '../llm/types.js';

/** What a client registry contributes to a call: extra clients, and which one to use. */
export type RegistrySnapshot = NonNullable<LlmCallOptions['registry']>;

export type { HTTPRequest, LlmCallOptions, LlmResult, LlmStreamEvent };

/**
 * An incremental parser for one stream: `write` feeds a chunk, `current` builds the newest
 * partial (or returns `unchanged`), `push` is both.
 */
export interface StreamParser {
  write(chunk: string): void;
  current(): unknown;
  push(chunk: string): unknown;
  finish(): { value: unknown; partial: unknown };
  readonly text: string;
}

/** The operations the client runtime needs from the rest of tsbaml. */
export interface Engine {
  /** The sentinel `StreamParser.push` returns when the visible partial did not change. */
  readonly unchanged: symbol;
  parseFinal(program: Program, target: Type, text: string): unknown;
  parsePartial(program: Program, target: Type, text: string): unknown;
  createStreamParser(program: Program, target: Type): StreamParser;
  buildRequest(options: LlmCallOptions, stream: boolean): Promise<HTTPRequest>;
  callLlm(options: LlmCallOptions): Promise<LlmResult>;
  streamLlm(options: LlmCallOptions): AsyncIterable<LlmStreamEvent>;
}
