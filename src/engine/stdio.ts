// The engine over a pair of byte streams (stdin/stdout of `tsbaml engine --stdio`): NDJSON in,
// NDJSON out. Resolves when the input ends, which is how a client closes the engine.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { EngineSession } from './session.js';

export async function serveStdio(
  input: Readable,
  output: Writable,
  version: string,
): Promise<void> {
  const session = new EngineSession((message) => {
    output.write(`${JSON.stringify(message)}\n`);
  }, version);
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) session.handleLine(line);
  session.close();
}
