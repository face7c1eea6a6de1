// The package entry, not client/baml-runtime.js: importing it installs the real engine.
import { BamlRuntime } from '../../runtime/index.js';
import { createServeApp } from '../../server/app.js';
import { listen, type RunningServer } from '../../server/node-server.js';
import { runtimeExecutor } from '../../server/runtime-executor.js';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { loadDotenv } from '../load-dotenv.js';
import { type LoadedProgram, loadProgram } from '../load-program.js';
import type { Toolchain } from '../toolchain.js';

/** Options of `tsbaml serve`. */
export interface ServeOptions {
  from: string;
  port: number;
  /** Interface to bind (default 0.0.0.0, like `baml-cli serve`). */
  host?: string;
  /** Stops the server when aborted (default: SIGINT / SIGTERM). */
  stop?: AbortSignal;
  /** Called once the server listens (tests use it to learn the port). */
  onListening?: (server: RunningServer) => void;
}

/**
 * `tsbaml serve`: compiles `from` and serves its functions over HTTP until stopped. Resolves
 * with exit code 0 after a clean shutdown.
 */
export async function runServe(
  options: ServeOptions,
  toolchain: Toolchain,
  io: CliIo,
): Promise<number> {
  const loaded = await loadProgram(options.from, toolchain, io);
  await loadDotenv(io.cwd, io.env);
  const server = await startServer(loaded, options, io);
  options.onListening?.(server);
  await waitForStop(options.stop);
  io.err('Shutting down.\n');
  await server.close();
  return 0;
}

/** Starts the HTTP API for a compiled program. */
export async function startServer(
  loaded: LoadedProgram,
  options: Pick<ServeOptions, 'port' | 'host'>,
  io: CliIo,
): Promise<RunningServer> {
  const app = buildApp(loaded, io);
  const server = await listenOn(app, options);
  io.err(banner(loaded, server, io));
  return server;
}

/** The fetch-style app serving `loaded` with the real runtime (shared with `tsbaml dev`). */
export function buildApp(loaded: LoadedProgram, io: CliIo): FetchApp {
  const { program, sources } = loaded;
  const password = io.env.BAML_PASSWORD || undefined;
  const runtime = new BamlRuntime(program, {
    sources: Object.fromEntries(sources.map((s) => [s.path, s.text])),
  });
  return createServeApp({
    program,
    executor: runtimeExecutor(runtime),
    ...(password ? { password } : {}),
    env: () => ({ ...io.env }),
    log: (line) => io.err(`${line}\n`),
  });
}

/** Anything with a fetch handler. */
export interface FetchApp {
  fetch: (request: Request) => Response | Promise<Response>;
}

/** Binds the port, turning the usual failures into one-paragraph errors. */
export async function listenOn(
  app: FetchApp,
  options: Pick<ServeOptions, 'port' | 'host'>,
): Promise<RunningServer> {
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new CliError(`--port must be a whole number between 0 and 65535, not ${options.port}.`);
  }
  return listen(app, { port: options.port, hostname: options.host ?? '0.0.0.0' }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        throw new CliError(
          `Port ${options.port} is already in use. Stop the other process or choose another port with --port.`,
        );
      }
      if (error.code === 'EACCES') {
        throw new CliError(
          `Not allowed to listen on port ${options.port}. Ports below 1024 need privileges; choose another with --port.`,
        );
      }
      throw error;
    },
  );
}

/** What the server prints once it listens (never the password itself). */
export function banner(loaded: LoadedProgram, server: RunningServer, io: CliIo): string {
  const password = io.env.BAML_PASSWORD || undefined;
  const names = Object.keys(loaded.program.functions);
  return (
    (password && !password.startsWith('sk-baml')
      ? 'Warning: BAML_PASSWORD does not start with "sk-baml" (BAML\'s convention for these keys).\n'
      : '') +
    `tsbaml serve: ${names.length} function${names.length === 1 ? '' : 's'} on ${server.url} ` +
    `(POST /call/{name}, POST /stream/{name}; docs at ${server.url}/docs)\n` +
    (password
      ? 'Authentication: on (BAML_PASSWORD).\n'
      : 'Authentication: off (set BAML_PASSWORD to require a key).\n')
  );
}

/** Resolves when `stop` aborts, or on SIGINT / SIGTERM when no signal is given. */
export function waitForStop(stop: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (stop) {
      if (stop.aborted) resolve();
      else stop.addEventListener('abort', () => resolve(), { once: true });
      return;
    }
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
