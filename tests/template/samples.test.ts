// Prompt fixtures: each folder under samples/ holds a small program (`input.baml`, whose function
// `Render` uses the client `Fake`), the call's arguments (`args.json`) and what BAML 0.226.2
// sends for it (`expected.json`: the `messages` of the openai-generic request body, or
// `{ "error": "<part of the message>" }` when rendering must fail). Files are read as bytes,
// so a fixture can hold CRLF line endings.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile, formatDiagnostics } from '../../src/compiler/index.js';
import { validateArgs } from '../../src/runtime/client/validate-args.js';
import { buildRequest } from '../../src/runtime/llm/index.js';

const SAMPLES = fileURLToPath(new URL('./samples/', import.meta.url));

async function run(dir: string): Promise<unknown> {
  const text = readFileSync(join(dir, 'input.baml'), 'utf8');
  const { program, diagnostics } = compile([{ path: 'input.baml', text }]);
  if (!program) throw new Error(formatDiagnostics(diagnostics, [{ path: 'input.baml', text }]));
  const fn = program.functions.Render;
  if (!fn) throw new Error('the fixture needs a function named Render');
  const given = JSON.parse(readFileSync(join(dir, 'args.json'), 'utf8')) as Record<string, unknown>;
  const args = validateArgs(program, fn, given);
  const request = await buildRequest(
    { program, functionName: 'Render', clientName: 'Fake', env: {}, args },
    undefined,
    { stream: true },
  );
  return (request.body.json() as { messages: unknown }).messages;
}

describe('prompt fixtures (tests/template/samples)', () => {
  for (const name of readdirSync(SAMPLES).sort()) {
    const dir = join(SAMPLES, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as unknown;
    it(name, async () => {
      if (expected && typeof expected === 'object' && 'error' in expected) {
        await expect(run(dir)).rejects.toThrow((expected as { error: string }).error);
      } else {
        expect(await run(dir)).toEqual(expected);
      }
    });
  }
});
