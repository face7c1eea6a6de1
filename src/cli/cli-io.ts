/**
 * Where the CLI writes. Commands take this instead of touching `process.stdout` so tests can
 * capture output and so the real binary can decide about colours and TTY redraws in one place.
 */
export interface CliIo {
  /** Normal output (what was written, reports). */
  out(text: string): void;
  /** Diagnostics, progress and errors. */
  err(text: string): void;
  /** The working directory relative paths are resolved against. */
  cwd: string;
  /** Environment variables (for BAML_PASSWORD, OPENAI_API_KEY, …). */
  env: Record<string, string | undefined>;
}

/** The process's own stdout/stderr/cwd/env. */
export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
  };
}

/** An in-memory `CliIo` for tests: everything written is kept in `stdout` / `stderr`. */
export function memoryIo(cwd: string, env: Record<string, string | undefined> = {}) {
  const io = {
    stdout: '',
    stderr: '',
    cwd,
    env,
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
  };
  return io;
}
