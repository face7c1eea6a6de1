// The BAML source of every recorded conformance case, completed the way the recordings were
// made: a TypeScript generator is prepended unless the case declares one, and the `Fake`
// client is appended unless the case declares it.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Adds the generator and the `Fake` client unless the source already declares them. */
export function completeSource(source: string): string {
  let out = source;
  if (!/\bgenerator\s+\w+\s*\{/.test(out)) out = `${GENERATOR_BLOCK}\n${out}`;
  if (!/client\s*<\s*llm\s*>\s*Fake\b/.test(out)) out = `${out}\n${FAKE_CLIENT_BLOCK}`;
  return out;
}

/** Every case as `{ id: "category/name", source }` with the completed source. */
export function conformanceSources(): { id: string; source: string }[] {
  const result: { id: string; source: string }[] = [];
  for (const category of readdirSync(CASES_DIR).sort()) {
    for (const file of readdirSync(join(CASES_DIR, category)).sort()) {
      if (!file.endsWith('.json')) continue;
      const data = JSON.parse(readFileSync(join(CASES_DIR, category, file), 'utf8')) as {
        baml: string[];
      };
      result.push({
        id: `${category}/${file.replace(/\.json$/, '')}`,
        source: completeSource(data.baml.join('\n')),
      });
    }
  }
  return result;
}
