// The Python client over the engine link (issue 16) against the same loopback stream in
// TypeScript: a 100 KB JSON answer streamed in 8-character chunks at full speed through
// `b.stream.Items` (Python, async client) and through `runtime.stream` (TypeScript), and the
// per-call overhead of a small `b.parse` from Python once the engine is up.
// Skipped (with a note) when python3 with pydantic is not available.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../src/compiler/index.js';
import { generatePythonClient } from '../src/generator/python/index.js';
import { BamlRuntime } from '../src/runtime/index.js';
import { itemsJson, SOURCE, split, startServer } from './client-stream.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const python = process.env.PYTHON ?? 'python3';
const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export default async function run(): Promise<void> {
  if (spawnSync(python, ['-c', 'import pydantic'], { stdio: 'ignore' }).status !== 0) {
    console.log(`skipped: ${python} with pydantic is not available`);
    return;
  }
  const { program } = compile([{ path: 'bench.baml', text: SOURCE }]);
  if (!program) throw new Error('bench source does not compile');
  const work = mkdtempSync(path.join(tmpdir(), 'tsbaml-pybench-'));
  const pkg = path.join(work, 'bench_client');
  mkdirSync(pkg);
  const generator = { name: 'py', outputType: 'python/pydantic', outputDir: '.', options: {} };
  for (const f of generatePythonClient(program, [{ path: 'bench.baml', text: SOURCE }], generator))
    writeFileSync(path.join(pkg, f.path), f.content);
  const server = await startServer();
  const text = itemsJson(100_000);
  server.plan({ chunks: split(text, 8), gapMs: 0 });
  try {
    const runtime = new BamlRuntime(program);
    const ts: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const stream = runtime.stream<unknown[], unknown[]>(
        'Items',
        { input: 'x' },
        { env: { BENCH_BASE_URL: server.url } },
      );
      for await (const _ of stream) {
        // partials are only counted by the Python side
      }
      await stream.getFinalResponse();
      ts.push(performance.now() - started);
    }
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        python,
        [path.join(root, 'bench', 'python_link.py'), work, String(RUNS)],
        {
          env: {
            ...process.env,
            BENCH_BASE_URL: server.url,
            PYTHONPATH: path.join(root, 'python'),
            TSBAML_ENGINE: path.join(root, 'bin', 'tsbaml.js'),
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let stdout = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve(stdout) : reject(new Error(`python exited ${code}`)),
      );
    });
    const py = JSON.parse(out) as {
      stream_ms: number[];
      partials: number;
      parse_us: number;
      startup_ms: number;
    };
    const ratio = median(py.stream_ms) / median(ts);
    console.log('| path | 100 KB stream, median of 5 | partials (Python) |');
    console.log('|---|---:|---:|');
    console.log(`| TypeScript runtime.stream | ${median(ts).toFixed(0)} ms | |`);
    console.log(
      `| Python b.stream over the engine link | ${median(py.stream_ms).toFixed(0)} ms | ${py.partials} |`,
    );
    console.log(`Python / TypeScript: ${ratio.toFixed(2)}x (target <= 2x)`);
    console.log(
      `Python b.parse of a small answer: ${py.parse_us.toFixed(0)} us per call once the engine is up (target < 1000 us); engine start + load ${py.startup_ms.toFixed(0)} ms`,
    );
  } finally {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
