// Builds what the environments run: the two generated clients (BAML's esm import style, and a
// Deno project's `.ts` style), the entry modules, and the minified bundles for the browser and
// workerd. Everything goes to tests/e2e/.out (ignored by git).

import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const E2E = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const ROOT = path.resolve(E2E, '../..');
export const OUT = path.join(E2E, '.out');
/** The runtime as the package ships it (`npm run build`): what a user's bundler sees. */
const RUNTIME = path.join(ROOT, 'dist/runtime/index.js');

const importClient = `import * as client from './baml_client/index.ts';
import { runScenario } from '../../scenario.ts';`;

const ENTRIES = {
  /** Browser: the page calls `runScenario(location.origin)`. */
  browser: `${importClient}
(globalThis as any).runScenario = (base: string) => runScenario(client, base);
`,
  /** workerd: `GET /?base=…` runs the scenario and answers its results as JSON. */
  worker: `${importClient}
export default {
  async fetch(request: Request): Promise<Response> {
    const base = new URL(request.url).searchParams.get('base') ?? '';
    return Response.json(await runScenario(client, base));
  },
};
`,
  /** Bun, Deno and Node: the base URL as the first argument, the results on stdout. */
  cli: `${importClient}
const deno = (globalThis as any).Deno;
const base: string = deno ? deno.args[0] : (globalThis as any).process.argv[2];
console.log(JSON.stringify(await runScenario(client, base)));
`,
};

/** The React app (hook-app.ts) on the actions in the page and on tsbaml serve. */
const REACT_APP = `import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { BamlClientHttpError, BamlError } from 'tsbaml/browser';
import * as hooks from './baml_client/react/hooks.tsx';
import { Image } from './baml_client/react/media.ts';
import * as served from './baml_client/react/serve_hooks.tsx';
import { hookApp } from '../../hook-app.ts';
import { runReactScenario } from '../../react-scenario.ts';
import { PERSON, scenarioEnv } from '../../scenario.ts';

const { Hooks, app, rendered } = hookApp({
  hooks,
  served,
  Image,
  errors: { BamlClientHttpError, BamlError },
});

(globalThis as any).runReactScenario = async (base: string) => {
  // The actions run in this page; the LLM's addresses are their "server" environment.
  (globalThis as any).process = { env: scenarioEnv(base) };
  createRoot(document.getElementById('root')!).render(
    createElement(served.BamlServeProvider, { baseUrl: \`\${base}/serve\` }, createElement(Hooks)),
  );
  while (!rendered()) await new Promise((r) => setTimeout(r, 10));
  return runReactScenario(app, base, PERSON);
};
`;

export interface Prepared {
  reactBundle: string;
  browserBundle: string;
  workerBundle: string;
  /** Entry files of the unbundled clients, by import style. */
  webCli: string;
  denoCli: string;
  denoConfig: string;
}

export async function prepare(): Promise<Prepared> {
  rmSync(OUT, { recursive: true, force: true });
  const web = path.join(OUT, 'web');
  const deno = path.join(OUT, 'deno');
  mkdirSync(web, { recursive: true });
  mkdirSync(deno, { recursive: true });
  // A Deno user's project: a deno.json mapping "tsbaml" (here to the built package; in a real
  // project `deno add npm:tsbaml`), and node_modules for the package's own dependencies.
  const denoConfig = path.join(deno, 'deno.json');
  writeFileSync(
    denoConfig,
    JSON.stringify({ imports: { tsbaml: RUNTIME }, nodeModulesDir: 'manual' }, null, 2),
  );
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'bin/tsbaml.js'), 'generate', '--from', path.join(E2E, 'baml_src')],
    { stdio: 'pipe' },
  );
  for (const [dir, name] of [
    [web, 'browser'],
    [web, 'worker'],
    [web, 'cli'],
    [deno, 'cli'],
  ] as const)
    writeFileSync(path.join(dir, `${name}.ts`), ENTRIES[name]);
  const react = path.join(OUT, 'react');
  writeFileSync(path.join(react, 'app.tsx'), REACT_APP);
  const bundle = async (entry: string, conditions: string[]) => {
    const result = await build({
      entryPoints: [path.isAbsolute(entry) ? entry : path.join(web, entry)],
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      nodePaths: [path.join(ROOT, 'node_modules')],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      conditions,
      alias: {
        tsbaml: RUNTIME,
        'tsbaml/browser': path.join(ROOT, 'dist/runtime/browser/index.js'),
      },
      write: false,
      logLevel: 'silent',
    });
    return result.outputFiles[0]!.text;
  };
  return {
    reactBundle: await bundle(path.join(react, 'app.tsx'), []),
    browserBundle: await bundle('browser.ts', []),
    workerBundle: await bundle('worker.ts', ['workerd', 'worker']),
    webCli: path.join(web, 'cli.ts'),
    denoCli: path.join(deno, 'cli.ts'),
    denoConfig,
  };
}
