import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/cli-io.js';
import { isDenoProject } from '../../src/cli/import-style.js';
import { runCli } from '../../src/cli/program.js';

const BAML = `class A {
  x int
}
function F(t: string) -> A {
  client "openai/gpt-4o-mini"
  prompt #"{{ t }} {{ ctx.output_format }}"#
}
generator ts {
  output_type "typescript"
  output_dir "../"
  version "0.226.2"
  module_format esm
}
`;

/** A project folder with baml_src/ and the given marker files at its root. */
function project(markers: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tsbaml-style-'));
  mkdirSync(path.join(dir, 'baml_src'));
  writeFileSync(path.join(dir, 'baml_src', 'main.baml'), BAML);
  for (const marker of markers) writeFileSync(path.join(dir, marker), '{}');
  return dir;
}

async function generatedIndex(dir: string): Promise<string> {
  const io = memoryIo(dir);
  const code = await runCli(['generate'], { io });
  expect(io.stderr).toBe('');
  expect(code).toBe(0);
  return readFileSync(path.join(dir, 'baml_client', 'async_client.ts'), 'utf8');
}

describe('import style of the generated client', () => {
  it('a Node project keeps BAML module_format imports (./types.js for esm)', async () => {
    const text = await generatedIndex(project(['package.json']));
    expect(text).toContain('from "./types.js"');
    expect(text).not.toContain('.ts"');
  });

  it('a Deno project (deno.json, even beside a package.json) imports ./types.ts', async () => {
    for (const markers of [['deno.json'], ['deno.jsonc', 'package.json']]) {
      const text = await generatedIndex(project(markers));
      expect(text).toContain('from "./types.ts"');
      expect(text).not.toContain('.js"');
    }
  });

  it('the nearest package.json or deno.json decides', () => {
    const root = project(['deno.json']);
    const inner = path.join(root, 'app');
    mkdirSync(inner);
    expect(isDenoProject(inner)).toBe(true);
    writeFileSync(path.join(inner, 'package.json'), '{}');
    expect(isDenoProject(inner)).toBe(false);
  });
});
