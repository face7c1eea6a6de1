export { BamlRuntime, type BamlRuntimeOptions } from './baml-runtime.js';
export { BamlStream } from './baml-stream.js';
export type { BamlCallOptions, BamlParseOptions } from './call-options.js';
export { mergeCallOptions } from './call-options.js';
export { all_succeeded, type Check, type Checked, get_checks } from './checks.js';
export { ClientRegistry } from './client-registry.js';
export { Collector, type FunctionLog, type LlmCall, type Timing, type Usage } from './collector.js';
export type {
  Engine,
  LlmCallOptions,
  LlmResult,
  LlmStreamEvent,
  StreamParser,
} from './engine.js';
export { Audio, Image, type MediaSource, Pdf, Video } from './media.js';
export {
  flush,
  getLogLevel,
  type LogLevel,
  onLogEvent,
  resetBamlEnvVars,
  setLogJsonMode,
  setLogLevel,
  setTags,
  traceAsync,
  traceSync,
} from './tracing.js';
export { BAML_LANGUAGE_VERSION, ThrowIfVersionMismatch } from './version.js';
