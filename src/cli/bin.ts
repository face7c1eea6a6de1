// The tsbaml executable (bin/tsbaml.js imports the compiled dist/cli/bin.js).
// Everything that can go wrong ends as one paragraph on stderr and a non-zero exit code: the
// handlers below catch what escapes the commands, so users never see a stack trace.
import { describeError } from './cli-error.js';
import { processIo } from './cli-io.js';
import { runCli } from './program.js';

function fail(error: unknown): void {
  process.stderr.write(`error: ${describeError(error)}\n`);
  process.exit(1);
}

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

runCli(process.argv.slice(2), { io: processIo() }).then((code) => {
  // Long-running commands (serve, dev) resolve only when they stop; the others finish here.
  process.exitCode = code;
}, fail);
