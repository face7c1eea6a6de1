import { serveStdio } from '../../engine/stdio.js';
import { CliError } from '../cli-error.js';
import { tsbamlVersion } from '../version.js';

/**
 * `tsbaml engine --stdio`: runs the engine that language clients (the Python `baml_py`) start as
 * a child process, speaking the protocol of docs/python-engine.md on stdin/stdout. Exits when
 * stdin closes.
 */
export async function runEngine(options: { stdio: boolean }): Promise<number> {
  if (!options.stdio) throw new CliError('tsbaml engine: only --stdio is supported', 2);
  await serveStdio(process.stdin, process.stdout, tsbamlVersion());
  return 0;
}
