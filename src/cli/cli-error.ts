/**
 * An error meant for the person at the terminal: its message is one complete paragraph that says
 * what went wrong and what to do about it. The CLI prints it without a stack trace and exits
 * with `exitCode`.
 *
 * @example
 * throw new CliError('No BAML files in ./baml_src. Run "tsbaml init" to create some.');
 */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/**
 * Turns anything thrown into the one paragraph the CLI prints. Known errors keep their message;
 * node's file-system errors get a readable sentence instead of `ENOENT: …, scandir '…'`.
 */
export function describeError(error: unknown): string {
  if (error instanceof CliError) return error.message;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const file = (error as NodeJS.ErrnoException).path;
    if (code === 'ENOENT' && file) return `File or folder not found: ${file}.`;
    if (code === 'EACCES' && file) return `Permission denied: ${file}.`;
    if (code === 'EADDRINUSE') {
      return `${error.message}. Another process is using that port; pick another with --port.`;
    }
    return `Unexpected error: ${error.message || error.name}.`;
  }
  return `Unexpected error: ${String(error)}.`;
}
