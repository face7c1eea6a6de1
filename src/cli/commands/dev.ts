import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';
import type { RunningServer } from '../../server/node-server.js';
import { describeError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { loadDotenv } from '../load-dotenv.js';
import { loadProgram } from '../load-program.js';
import type { Toolchain } from '../toolchain.js';
import { writeGenerators } from './generate.js';
import {
  banner,
  buildApp,
  type FetchApp,
  listenOn,
  type ServeOptions,
  waitForStop,
} from './serve.js';

/** Options of `tsbaml dev`. */
export interface DevOptions
  extends Pick<ServeOptions, 'from' | 'port' | 'host' | 'stop' | 'onListening'> {
  /** Quiet time after the last change before rebuilding (default 150 ms). */
  debounceMs?: number;
  /** Called after each rebuild attempt (tests wait on it). */
  onRebuild?: (ok: boolean) => void;
}

/**
 * `tsbaml dev`: `generate` plus `serve`, redone whenever a file under `from` changes. A change
 * that does not compile prints its diagnostics and keeps the last good server running.
 */
export async function runDev(
  options: DevOptions,
  toolchain: Toolchain,
  io: CliIo,
): Promise<number> {
  const dir = path.resolve(io.cwd, options.from);
  await loadDotenv(io.cwd, io.env);
  // One HTTP server for the whole session; a rebuild swaps the app behind it, so the port and
  // open keep-alive connections survive and streams already running finish on the old build.
  let server: RunningServer | null = null;
  let app: FetchApp | null = null;
  const front: FetchApp = {
    fetch: (request) => (app as FetchApp).fetch(request),
  };

  const rebuild = async (): Promise<boolean> => {
    try {
      const loaded = await loadProgram(options.from, toolchain, io);
      await writeGenerators(loaded, toolchain, io);
      app = buildApp(loaded, io);
      if (!server) {
        server = await listenOn(front, {
          port: options.port,
          ...(options.host ? { host: options.host } : {}),
        });
        options.onListening?.(server);
      }
      io.err(banner(loaded, server, io));
      return true;
    } catch (error) {
      io.err(
        `error: ${describeError(error)}\n${app ? 'Still serving the last version that compiled.\n' : ''}`,
      );
      return false;
    }
  };

  options.onRebuild?.(await rebuild());
  io.err(`Watching ${path.relative(io.cwd, dir) || '.'} for changes (Ctrl+C to stop).\n`);

  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      // Rebuilds run one after another; a change during a rebuild triggers one more.
      running = running.then(async () => {
        io.err('Change detected, rebuilding…\n');
        options.onRebuild?.(await rebuild());
      });
    }, options.debounceMs ?? 150);
  };
  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(dir, { recursive: true }, (_event, file) => {
      if (file === null || String(file).endsWith('.baml')) schedule();
    });
  } catch (error) {
    io.err(`error: cannot watch ${dir}: ${describeError(error)}\n`);
  }

  await waitForStop(options.stop);
  watcher?.close();
  clearTimeout(timer);
  await running;
  await (server as RunningServer | null)?.close();
  io.err('Stopped.\n');
  return 0;
}
