import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CliError, describeError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { runCheck } from './commands/check.js';
import { runDev } from './commands/dev.js';
import { runEngine } from './commands/engine.js';
import { runGenerate } from './commands/generate.js';
import { runInit } from './commands/init.js';
import { runServe } from './commands/serve.js';
import { runTest } from './commands/test.js';
import { loadDefaultToolchain } from './default-toolchain.js';
import type { Toolchain } from './toolchain.js';
import { tsbamlVersion } from './version.js';

/** What the commands need from the outside world; tests replace parts of it. */
export interface CliDependencies {
  io: CliIo;
  /** Loads the compiler and generator (default: the real ones, lazily). */
  loadToolchain?: () => Promise<Toolchain>;
  /** `tsbaml check` (default: src/cli/commands/check.ts). */
  runCheck?: (options: { from: string }) => Promise<number>;
}

/**
 * Runs the CLI on `argv` (without the `node` and script entries) and resolves to the exit code.
 * Never throws: every failure is printed as one paragraph on stderr.
 */
export async function runCli(argv: readonly string[], deps: CliDependencies): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(deps, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    // Commander reports --help, --version and usage errors by throwing (exitOverride); it has
    // already printed its message.
    if (error instanceof CommanderError) return error.exitCode;
    deps.io.err(`error: ${describeError(error)}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

function buildProgram(deps: CliDependencies, setExitCode: (code: number) => void): Command {
  const { io } = deps;
  const version = tsbamlVersion();
  const loadToolchain = deps.loadToolchain ?? loadDefaultToolchain;
  const program = new Command('tsbaml')
    .description(
      'Typed LLM functions from .baml files: generate a TypeScript client, serve functions over HTTP, run tests.',
    )
    .version(version, '-V, --version', 'print the tsbaml version')
    .showHelpAfterError('(run "tsbaml --help" for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });

  const fromOption = () =>
    new Option('--from <dir>', 'folder holding the .baml files').default('baml_src');
  // `serve` and `dev` run the HTTP server.
  const portOption = () =>
    new Option('--port <port>', 'port to listen on').argParser(parsePort).default(2024);
  const hostOption = () => new Option('--host <host>', 'interface to bind').default('0.0.0.0');

  program
    .command('init')
    .description('create baml_src/ with a client, a generator and an example function')
    .version(version, '-V, --version')
    .option('--dest <dir>', 'folder to create', 'baml_src')
    .action(async (options: { dest: string }) => {
      setExitCode(await runInit({ dest: options.dest }, io));
    });

  program
    .command('generate')
    .description('compile baml_src/ and write the client of every generator block')
    .version(version, '-V, --version')
    .addOption(fromOption())
    .action(async (options: { from: string }) => {
      setExitCode(await runGenerate({ from: options.from }, await loadToolchain(), io));
    });

  program
    .command('check')
    .description('compile baml_src/ and report diagnostics without writing anything')
    .version(version, '-V, --version')
    .addOption(fromOption())
    .action(async (options: { from: string }) => {
      setExitCode(await (deps.runCheck ?? runCheck)({ from: options.from }));
    });

  program
    .command('serve')
    .description('serve the functions over HTTP: POST /call/{name}, POST /stream/{name}, /docs')
    .version(version, '-V, --version')
    .addOption(fromOption())
    .addOption(portOption())
    .addOption(hostOption())
    .action(async (options: { from: string; port: number; host: string }) => {
      setExitCode(await runServe(options, await loadToolchain(), io));
    });

  program
    .command('dev')
    .description('generate and serve, then regenerate and restart whenever a .baml file changes')
    .version(version, '-V, --version')
    .addOption(fromOption())
    .addOption(portOption())
    .addOption(hostOption())
    .action(async (options: { from: string; port: number; host: string }) => {
      setExitCode(await runDev(options, await loadToolchain(), io));
    });

  program
    .command('test')
    .description('run the test blocks of the .baml files against their clients')
    .version(version, '-V, --version')
    .addOption(fromOption())
    .option('-i, --include <pattern...>', 'only cases whose "Function::Test" contains a pattern')
    .option('--parallel <n>', 'cases run at once', parseCount, 4)
    .action(async (options: { from: string; include?: string[]; parallel: number }) => {
      setExitCode(await runTest(options, await loadToolchain(), io));
    });

  program
    .command('engine')
    .description('run the engine that the Python client (baml_py) drives over stdin/stdout')
    .option('--stdio', 'speak the engine protocol on stdin/stdout (docs/python-engine.md)')
    .action(async (options: { stdio?: boolean }) => {
      setExitCode(await runEngine({ stdio: options.stdio === true }));
    });

  return program;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1)
    throw new InvalidArgumentError('expected a whole number of at least 1.');
  return n;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new InvalidArgumentError('expected a whole number between 0 and 65535.');
  }
  return port;
}
