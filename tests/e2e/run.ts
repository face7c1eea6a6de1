// `npm run test:env`: the scenario of scenario.ts in every environment tsbaml claims: Chromium
// and workerd on minified bundles, Bun, Deno and Node 20 on the generated sources; and the
// generated React hooks in Chromium (react-scenario.ts). Each
// environment gets its own loopback LLM server (its request counts start at zero). Prints one
// line per check and closes with "N passed, N failed"; exits 1 on any failure.

import { runInChromium } from './environments/browser.js';
import { buildNext, prepareNext, runInNext } from './environments/next-app.js';
import { prepare } from './environments/prepare.js';
import { commands, runProcess } from './environments/processes.js';
import { mountServe } from './environments/serve.js';
import { runInWorkerd } from './environments/workerd.js';
import { type E2eServer, startE2eServer } from './llm-server.js';
import type { CheckResult } from './scenario.js';

const started = Date.now();
const prepared = await prepare();

// The test means something only if the minifier renamed the error classes.
for (const [name, bundle] of [
  ['browser', prepared.browserBundle],
  ['worker', prepared.workerBundle],
] as const) {
  if (/class BamlAbortError\b/.test(bundle)) throw new Error(`the ${name} bundle is not minified`);
}

const environments: [string, (server: E2eServer) => Promise<CheckResult[]>][] = [
  ['chromium', (s) => runInChromium(s, prepared.browserBundle)],
  [
    'react',
    (s) => {
      mountServe(s);
      return runInChromium(s, prepared.reactBundle, 'runReactScenario');
    },
  ],
  [
    'next',
    async (s) => {
      const t0 = Date.now();
      prepareNext();
      await buildNext();
      console.log(`  next build: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return runInNext(s);
    },
  ],
  ['workerd', (s) => runInWorkerd(s, prepared.workerBundle)],
  ...['bun', 'deno', 'node'].map(
    (name) =>
      [name, (s: E2eServer) => runProcess(commands(prepared, s.baseUrl)[name]!)] as [
        string,
        (server: E2eServer) => Promise<CheckResult[]>,
      ],
  ),
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const [name, run] of environments) {
  if (only.length > 0 && !only.includes(name)) continue;
  const server = await startE2eServer();
  const t0 = Date.now();
  try {
    const results = await run(server);
    for (const r of results) {
      if (r.ok) passed++;
      else failed++;
      console.log(`${r.ok ? '✓' : '✗'} [${name}] ${r.name}${r.ok ? '' : `: ${r.detail}`}`);
    }
    if (results.length === 0) throw new Error('no results');
    console.log(`  ${name}: ${results.length} checks in ${Date.now() - t0} ms`);
  } catch (error) {
    failed++;
    console.log(`✗ [${name}] did not run: ${(error as Error).message}`);
  } finally {
    await server.close();
  }
}
console.log(`environments: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
