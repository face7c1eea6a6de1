// `tsbaml serve` for the React environment: the e2e program served in process and mounted on
// the loopback server at /serve (same origin as the page), its calls reaching the loopback LLM.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { compile } from '../../../src/compiler/index.js';
import { BamlRuntime } from '../../../src/runtime/index.js';
import { createServeApp } from '../../../src/server/app.js';
import { runtimeExecutor } from '../../../src/server/runtime-executor.js';
import type { E2eServer } from '../llm-server.js';
import { scenarioEnv } from '../scenario.js';
import { E2E } from './prepare.js';

export function mountServe(server: E2eServer): void {
  const file = path.join(E2E, 'baml_src', 'e2e.baml');
  const sources = [{ path: 'e2e.baml', text: readFileSync(file, 'utf8') }];
  const { program } = compile(sources);
  if (!program) throw new Error('tests/e2e/baml_src does not compile');
  const app = createServeApp({
    program,
    executor: runtimeExecutor(new BamlRuntime(program)),
    env: () => scenarioEnv(server.baseUrl),
  });
  server.mountServe(getRequestListener(app.fetch));
}
