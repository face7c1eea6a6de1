// Loads the recorded BAML conformance cases and compiles their sources, the way the shared
// runner does (a generator block first and a `Fake` client last unless the source has them).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../../../src/compiler/index.js';
import type { Program, Type } from '../../../src/ir/types.js';

const CASES = fileURLToPath(new URL('../../conformance/cases/', import.meta.url));

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

/** The source a case was recorded with. */
export function completeSource(src: string): string {
  let out = src;
  if (!/\bgenerator\s+\w+\s*\{/.test(out)) out = `${GENERATOR_BLOCK}\n${out}`;
  if (!/client\s*<\s*llm\s*>\s*Fake\b/.test(out)) out = `${out}\n${FAKE_CLIENT_BLOCK}`;
  return out;
}

export interface ConformanceCase {
  id: string;
  chunks: string[];
  program: Program;
  target: Type;
  expected: { parse?: unknown; parse_stream_empty?: unknown; parse_stream?: unknown[] };
}

let loaded: ConformanceCase[] | undefined;

/** Every recorded case with a compiled program (cached per test file). */
export function loadCases(): ConformanceCase[] {
  if (loaded) return loaded;
  const out: ConformanceCase[] = [];
  for (const category of readdirSync(CASES).sort()) {
    for (const file of readdirSync(join(CASES, category)).sort()) {
      if (!file.endsWith('.json')) continue;
      const c = JSON.parse(readFileSync(join(CASES, category, file), 'utf8'));
      const { program } = compile([
        { path: 'main.baml', text: completeSource((c.baml as string[]).join('\n')) },
      ]);
      const fn = program?.functions[c.function];
      if (!program || !fn) throw new Error(`case ${category}/${file} does not compile`);
      out.push({
        id: `${category}/${file.replace(/\.json$/, '')}`,
        chunks: c.chunks,
        program,
        target: fn.returnType,
        expected: c.expected,
      });
    }
  }
  loaded = out;
  return out;
}
