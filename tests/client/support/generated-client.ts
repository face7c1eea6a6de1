// Generates a baml_client from BAML source into `out` and imports a module of it (its "tsbaml"
// imports resolve to src/ through the vitest aliases).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile, formatDiagnostics } from '../../../src/compiler/index.js';
import { generateClient } from '../../../src/generator/index.js';

/** A TypeScript generator and the `Fake` client (the loopback server at `FAKE_BASE_URL`). */
export const GENERATOR_AND_FAKE_CLIENT = `
generator ts {
  output_type "typescript"
  output_dir "../"
  version "0.226.2"
}

client<llm> Fake {
  provider "openai-generic"
  options {
    base_url env.FAKE_BASE_URL
    model "fake"
    api_key "x"
  }
}
`;

/** Writes the client of the source's first generator to `<out>/baml_client/`. */
export function writeGeneratedClient(source: string, out: string): void {
  const sources = [{ path: 'main.baml', text: source }];
  const { program, diagnostics } = compile(sources);
  if (!program) throw new Error(formatDiagnostics(diagnostics, sources));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'baml_client'), { recursive: true });
  for (const file of generateClient(program, sources, program.generators[0]!))
    writeFileSync(join(out, 'baml_client', file.path), file.content);
}

/** Imports `<out>/baml_client/<module>.ts`. */
export function importGenerated(out: string, module = 'index'): Promise<any> {
  return import(pathToFileURL(join(out, 'baml_client', `${module}.ts`)).href);
}
