// Binds the client runtime to the real modules: the schema-aligned parser (../parse) and the LLM
// layer (../llm, which renders prompts through ../template). Importing this module installs it
// as the engine of every BamlRuntime created without one; tests inject other engines.
import { buildRequest, callLlm, streamLlm } from '../llm/index.js';
import { createStreamParser, parseFinal, parsePartial, UNCHANGED } from '../parse/index.js';
import type { Engine } from './engine.js';
import { installDefaultEngine } from './engine-slot.js';

/** The engine every generated client uses. */
export const defaultEngine: Engine = {
  unchanged: UNCHANGED,
  parseFinal,
  parsePartial,
  createStreamParser,
  buildRequest: (options, stream) => buildRequest(options, undefined, { stream }),
  callLlm,
  streamLlm,
};

installDefaultEngine(defaultEngine);
