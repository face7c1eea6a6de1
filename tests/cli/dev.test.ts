import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runDev } from '../../src/cli/commands/dev.js';
import { loadDefaultToolchain } from '../../src/cli/default-toolchain.js';
import type { RunningServer } from '../../src/server/node-server.js';

const generator =
  'generator ts {\n  output_type "typescript"\n  output_dir "../"\n  version "0.226.2"\n}\n';
const fn = (name: string) =>
  `function ${name}(q: string) -> string {\n  client "openai/gpt-4o-mini"\n  prompt #"{{ q }}"#\n}\n`;

describe('tsbaml dev', () => {
  it('generates and serves, then regenerates and restarts on change, keeping the last good build', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tsbaml-dev-'));
    mkdirSync(path.join(dir, 'baml_src'));
    writeFileSync(path.join(dir, 'baml_src', 'generators.baml'), generator);
    writeFileSync(path.join(dir, 'baml_src', 'main.baml'), fn('First'));
    const io = memoryIo(dir, {});
    const stop = new AbortController();
    const rebuilds: boolean[] = [];
    let server: RunningServer | undefined;
    let waiters: (() => void)[] = [];
    const nextRebuild = () => new Promise<void>((resolve) => waiters.push(resolve));
    const first = nextRebuild();
    const done = runDev(
      {
        from: 'baml_src',
        port: 0,
        host: '127.0.0.1',
        stop: stop.signal,
        debounceMs: 20,
        onListening: (s) => {
          server = s;
        },
        onRebuild: (ok) => {
          rebuilds.push(ok);
          const pending = waiters;
          waiters = [];
          for (const w of pending) w();
        },
      },
      await loadDefaultToolchain(),
      io,
    );
    await first;
    const functions = async () =>
      Object.keys((await (await fetch(`${server!.url}/openapi.json`)).json()).paths);
    expect(existsSync(path.join(dir, 'baml_client', 'index.ts'))).toBe(true);
    expect(await functions()).toEqual(['/call/First', '/stream/First']);
    const port = server!.port;

    let changed = nextRebuild();
    writeFileSync(path.join(dir, 'baml_src', 'main.baml'), fn('First') + fn('Second'));
    await changed;
    expect(server!.port).toBe(port);
    expect(await functions()).toContain('/call/Second');

    changed = nextRebuild();
    writeFileSync(path.join(dir, 'baml_src', 'main.baml'), 'class Broken {\n  x Nope\n}\n');
    await changed;
    expect(rebuilds.at(-1)).toBe(false);
    expect(io.stderr).toContain('Unknown type');
    expect(io.stderr).toContain('Still serving the last version that compiled.');
    expect(await functions()).toContain('/call/Second');

    stop.abort();
    expect(await done).toBe(0);
  }, 20_000);
});
