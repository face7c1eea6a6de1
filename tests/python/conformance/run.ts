// The recorded conformance cases (../shared/conformance/cases, except the providers and media
// categories) through the generated *Python* client: every case gets a
// python/pydantic client, drive.py runs each path through it (one Python process, one engine),
// and the shared comparison rules judge what it observed. Prints `N passed, M failed`; exits 1
// when a case fails that the TypeScript client passes (the two must agree), 0 otherwise.
//
//   npx tsx tests/python/conformance/run.ts [--filter SUBSTR] [--verbose]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { compile } from '../../../src/compiler/index.js';
import { generatePythonClient } from '../../../src/generator/python/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
// The shared folder sits beside the project (as in CI); TSBAML_SHARED points elsewhere.
const shared = path.resolve(
  process.env.TSBAML_SHARED ?? path.resolve(root, '../shared'),
  'conformance',
);
const keep = process.argv.includes('--keep');
const { startFakeLlm } = await import(path.join(shared, 'fake-llm.ts'));
const { compareCase } = await import(path.join(shared, 'compare.ts'));
const { functionParams, BASE_URL_ENV } = await import(path.join(shared, 'source.ts'));

const SKIPPED = new Set(['providers', 'media']);
/**
 * A dynamic-types case records the errors of BAML's TypeScript client; the Python client raises
 * Python's own where the error is the language's: calling a method a viewer lacks is an
 * AttributeError (JavaScript: TypeError "… is not a function"), and any other builder error
 * is an Exception subclass (JavaScript: Error). BAML's own error classes stay as recorded.
 */
const PY_ERROR: Record<string, string> = { TypeError: 'AttributeError', Error: 'Exception' };
function pythonErrors(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pythonErrors);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = pythonErrors(v);
  const kind = out.$error;
  if (typeof kind === 'string' && kind in PY_ERROR) out.$error = PY_ERROR[kind];
  return out;
}
/** Cases the TypeScript client fails on purpose (docs/differences.md: stream-with-state, @@stream.done by addBaml). */
const TS_KNOWN: string[] = JSON.parse(
  readFileSync(path.join(here, 'ts-known-failures.json'), 'utf8'),
);
const PATHS = ['parse_stream', 'parse', 'stream', 'call', 'request'] as const;

const argv = process.argv.slice(2);
const filter = argv.includes('--filter') ? argv[argv.indexOf('--filter') + 1] : undefined;
const verbose = argv.includes('--verbose');

interface Case {
  name: string;
  category: string;
  baml: string | string[];
  function: string;
  args: Record<string, unknown>;
  chunks?: string[];
  paths?: string[];
  delay_ms?: number;
  pause_ms?: number;
  pauses?: number[];
  abort_after_partials?: number;
  type_builder?: unknown[];
  finish_reason?: string;
  http_status?: number;
  expected: Record<string, any>;
}

function listCases(dir: string): Case[] {
  const out: Case[] = [];
  for (const category of readdirSync(path.join(dir)).sort()) {
    if (SKIPPED.has(category)) continue;
    for (const file of readdirSync(path.join(dir, category)).sort()) {
      if (!file.endsWith('.json')) continue;
      const c = JSON.parse(readFileSync(path.join(dir, category, file), 'utf8')) as Case;
      if (!filter || `${c.category}/${c.name}`.includes(filter)) out.push(c);
    }
  }
  return out;
}

const PY_GENERATOR = `generator py {\n  output_type "python/pydantic"\n  output_dir "../"\n  version "0.226.2"\n}\n`;
const FAKE = `client<llm> Fake {\n  provider "openai-generic"\n  options {\n    base_url env.${BASE_URL_ENV}\n    model "fake"\n    api_key "x"\n  }\n}\n`;

const cases = listCases(path.join(shared, 'cases'));
const work = mkdtempSync(path.join(tmpdir(), 'tsbaml-pyconf-'));
const llm = await startFakeLlm();
const python = process.env.PYTHON ?? 'python3';
const driver = spawn(python, [path.join(here, 'drive.py')], {
  stdio: ['pipe', 'pipe', 'inherit'],
  env: {
    ...process.env,
    PYTHONPATH: [path.join(root, 'python'), process.env.PYTHONPATH]
      .filter(Boolean)
      .join(path.delimiter),
    TSBAML_ENGINE: process.env.TSBAML_ENGINE ?? path.join(root, 'bin', 'tsbaml.js'),
    [BASE_URL_ENV]: llm.baseUrl,
  },
});
const answers = createInterface({ input: driver.stdout! })[Symbol.asyncIterator]();
async function ask(cmd: object): Promise<any> {
  driver.stdin!.write(`${JSON.stringify(cmd)}\n`);
  const next = await answers.next();
  if (next.done) throw new Error('the Python driver exited');
  return JSON.parse(next.value);
}

let passed = 0;
const failed: string[] = [];
const unexpected: string[] = [];
for (const [i, c] of cases.entries()) {
  const id = `${c.category}/${c.name}`;
  const text = Array.isArray(c.baml) ? c.baml.join('\n') : c.baml;
  let source = text;
  if (!/\bgenerator\s+\w+\s*\{/.test(source)) source = `${PY_GENERATOR}\n${source}`;
  if (!/client\s*<\s*llm\s*>\s*Fake\b/.test(source)) source = `${source}\n${FAKE}`;
  const { program } = compile([{ path: 'main.baml', text: source }]);
  if (!program) {
    failed.push(`${id}: does not compile`);
    continue;
  }
  const pkg = `client_${i}`;
  const out = path.join(work, pkg);
  mkdirSync(out, { recursive: true });
  const generator = { ...program.generators[0]!, outputType: 'python/pydantic' };
  for (const f of generatePythonClient(program, [{ path: 'main.baml', text: source }], generator))
    writeFileSync(path.join(out, f.path), f.content);
  const params: string[] = functionParams(text, c.function);
  const base = {
    dir: work,
    package: pkg,
    function: c.function,
    args: params.map((p) => c.args?.[p] ?? null),
    chunks: c.chunks ?? [],
    env: { [BASE_URL_ENV]: llm.baseUrl },
    abort_after_partials: c.abort_after_partials ?? null,
    type_builder: c.type_builder ?? null,
  };
  const observed: any = {};
  const paths = new Set<string>(c.paths ?? PATHS);
  llm.setScript({
    chunks: c.chunks ?? [],
    ...(c.delay_ms !== undefined ? { delay_ms: c.delay_ms } : {}),
    ...(c.pause_ms !== undefined ? { pause_ms: c.pause_ms } : {}),
    ...(c.pauses !== undefined ? { pauses: c.pauses } : {}),
    ...(c.finish_reason !== undefined ? { finish_reason: c.finish_reason } : {}),
    ...(c.http_status !== undefined ? { http_status: c.http_status } : {}),
  });
  for (const p of PATHS) {
    if (!paths.has(p)) continue;
    const before = llm.requests.length;
    const got = await ask({ ...base, path: p });
    if (got.$driver_error) {
      observed[p] = undefined;
      if (verbose) console.log(`${id} ${p}: driver error ${got.$driver_error}`);
      continue;
    }
    Object.assign(observed, got);
    const requests = llm.requests.slice(before);
    if (p === 'stream') {
      const rep = await Promise.race([
        llm.lastStream(),
        new Promise((r) => setTimeout(() => r(null), 10_000)),
      ]).catch(() => null);
      observed.stream.closed_early = (rep as any)?.closed_early ?? false;
      observed.stream.request = requests.length ? requests[0].body : null;
    }
    if (p === 'call') observed.call.request = requests.length ? requests[0].body : null;
    if (p === 'request' && observed.stream_request?.url)
      observed.stream_request.url = String(observed.stream_request.url).replace(
        /127\.0\.0\.1:\d+/,
        '127.0.0.1:PORT',
      );
  }
  const expected = c.category === 'dynamic-types' ? pythonErrors(c.expected) : c.expected;
  const results = compareCase(expected, observed, paths);
  const bad = Object.entries(results).filter(([, r]: [string, any]) => !r.pass);
  if (bad.length === 0) passed++;
  else {
    const line = `${id} ${bad[0]![0]}: ${(bad[0]![1] as any).diff}`;
    failed.push(line);
    if (!TS_KNOWN.includes(id)) unexpected.push(line);
  }
}
driver.stdin!.end();
await llm.close();
if (keep) console.log(`clients kept in ${work}`);
else rmSync(work, { recursive: true, force: true });
for (const f of failed) console.log(f);
console.log(`${passed} passed, ${failed.length} failed`);
if (unexpected.length > 0) {
  console.log(`${unexpected.length} failing through Python but not through TypeScript`);
  process.exit(1);
}
