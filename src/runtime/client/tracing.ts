// Tracing and logging helpers that BAML's generated client re-exports. tsbaml has no tracing
// backend: these keep the API (so code written for BAML runs) and do the local part only.

/** Log levels accepted by `setLogLevel`. */
export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'OFF';

let logLevel: LogLevel = 'INFO';
let jsonMode = false;
let globalTags: Record<string, string> = {};
const logListeners = new Set<(event: unknown) => void>();

/** Sets how much the runtime logs. */
export function setLogLevel(level: LogLevel): void {
  logLevel = level;
}

/** The current log level. */
export function getLogLevel(): LogLevel {
  return logLevel;
}

/** Logs as JSON lines instead of text. */
export function setLogJsonMode(on: boolean): void {
  jsonMode = on;
}

/** @internal */
export function isLogJsonMode(): boolean {
  return jsonMode;
}

/** Tags attached to every traced call from now on. */
export function setTags(tags: Record<string, string>): void {
  globalTags = { ...globalTags, ...tags };
}

/** @internal */
export function getGlobalTags(): Record<string, string> {
  return globalTags;
}

/** Wraps an async function for tracing. Without a tracing backend, returns it unchanged. */
export function traceAsync<A extends unknown[], R>(
  _name: string,
  fn: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return fn;
}

/** Wraps a function for tracing. Without a tracing backend, returns it unchanged. */
export function traceSync<A extends unknown[], R>(
  _name: string,
  fn: (...args: A) => R,
): (...args: A) => R {
  return fn;
}

/** Flushes pending trace events (none are kept). */
export function flush(): void {}

/** Registers a listener for log events; returns a function that removes it. */
export function onLogEvent(listener: (event: unknown) => void): () => void {
  logListeners.add(listener);
  return () => logListeners.delete(listener);
}

/** Deprecated in BAML (the environment is read on every call); kept as a no-op. */
export function resetBamlEnvVars(_env?: Record<string, string | undefined>): void {}
