// The recorded conformance cases (tests/conformance/cases/<category>/<name>.json), loaded once
// and with their BAML source completed the way the recordings were made: a TypeScript
// generator is prepended unless the case declares one, and the `Fake` client is appended
// unless the case declares it. The two blocks are byte for byte those of
// /work/shared/conformance/source.ts; a difference would change what the cases compile to.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, formatDiagnostics } from '../../src/compiler/index.js';
import type { Program } from '../../src/ir/types.js';

const CASES_DIR = fileURLToPath(new URL('../conformance/cases/', import.meta.url));

const GENERATOR_BLOCK = `generator oracle_ts {
  output_type "typescript"
  output_dir "../"
  version "0.226.2"
  default_client_mode async
}
`;

const FAKE_CLIENT_BLOCK = `client<llm> Fake {
  provider "openai-generic"
  options {
    base_url env.ORACLE_BASE_URL
    model "fake"
    api_key "x"
  }
}
`;

/** What one recording holds; `expected` is left loose because each suite reads its own part. */
export interface ConformanceCase {
  /** `category/name`, the file's path under the cases folder without `.json`. */
  id: string;
  category: string;
  name: string;
  function: string;
  args: Record<string, unknown>;
  baml: string[];
  chunks: string[];
  pauses: number[];
  expected: Record<string, any>;
  /** The BAML source the case was recorded with (see {@link completeBamlSource}). */
  source: string;
}

/**
 * Adds the generator and the `Fake` client unless the source already declares them.
 *
 * @example
 * completeBamlSource('function F() -> int { client Fake prompt #"x"# }')
 * // => 'generator oracle_ts {…}\nfunction F() …\nclient<llm> Fake {…}'
 */
export function completeBamlSource(source: string): string {
  let out = source;
  if (!/\bgenerator\s+\w+\s*\{/.test(out)) out = `${GENERATOR_BLOCK}\n${out}`;
  if (!/client\s*<\s*llm\s*>\s*Fake\b/.test(out)) out = `${out}\n${FAKE_CLIENT_BLOCK}`;
  return out;
}

let loaded: ConformanceCase[] | undefined;

/**
 * Every recorded case, sorted by category then name, read once per test file.
 *
 * @example
 * for (const c of conformanceCases()) console.log(c.id, c.source.length);
 */
export function conformanceCases(): ConformanceCase[] {
  if (loaded) return loaded;
  const out: ConformanceCase[] = [];
  for (const category of readdirSync(CASES_DIR).sort()) {
    for (const file of readdirSync(join(CASES_DIR, category)).sort()) {
      if (!file.endsWith('.json')) continue;
      const data = JSON.parse(readFileSync(join(CASES_DIR, category, file), 'utf8'));
      out.push({
        ...data,
        id: `${category}/${file.replace(/\.json$/, '')}`,
        source: completeBamlSource((data.baml as string[]).join('\n')),
      });
    }
  }
  loaded = out;
  return out;
}

/**
 * Compiles a case's completed source; throws with the formatted diagnostics when it does not
 * compile, so a broken case fails loudly instead of being skipped.
 *
 * @example
 * const program = compileConformanceCase(conformanceCases()[0]!);
 */
export function compileConformanceCase(c: Pick<ConformanceCase, 'id' | 'source'>): Program {
  const sources = [{ path: 'main.baml', text: c.source }];
  const { program, diagnostics } = compile(sources);
  if (!program) {
    throw new Error(
      `compile failed for ${c.id}: ${formatDiagnostics(diagnostics, sources) || 'no program'}`,
    );
  }
  return program;
}
