import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/program.js';
import { writeClient } from '../../src/generator/index.js';
import type { GeneratorDef } from '../../src/ir/types.js';
import { emptyProgram } from '../support/empty-program.js';
import { fakeToolchain } from './fake-toolchain.js';

const tsGenerator: GeneratorDef = {
  name: 'ts',
  outputType: 'typescript',
  outputDir: '../',
  options: {},
};

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tsbaml-cli-'));
  mkdirSync(path.join(dir, 'baml_src'));
  for (const [name, text] of Object.entries(files))
    writeFileSync(path.join(dir, 'baml_src', name), text);
  return dir;
}

describe('tsbaml generate', () => {
  it('writes baml_client next to baml_src and reports it', async () => {
    const dir = project({ 'main.baml': 'class A { x int }' });
    const io = memoryIo(dir);
    const toolchain = fakeToolchain(emptyProgram({ generators: [tsGenerator] }));
    const code = await runCli(['generate'], { io, loadToolchain: async () => toolchain });
    expect(code).toBe(0);
    expect(readFileSync(path.join(dir, 'baml_client', 'index.ts'), 'utf8')).toContain('"ts"');
    expect(io.stdout).toContain(`Wrote 2 files to baml_client (generator ts)`);
  });

  it('accepts --from with an absolute path, as the conformance runner passes it', async () => {
    const dir = project({ 'main.baml': 'x' });
    const io = memoryIo(tmpdir());
    const toolchain = fakeToolchain(
      emptyProgram({ generators: [{ ...tsGenerator, outputDir: '../out' }] }),
    );
    const code = await runCli(['generate', '--from', path.join(dir, 'baml_src')], {
      io,
      loadToolchain: async () => toolchain,
    });
    expect(code).toBe(0);
    expect(existsSync(path.join(dir, 'out', 'baml_client', 'index.ts'))).toBe(true);
  });

  it('prints diagnostics and exits 1 on compile errors, without a stack trace', async () => {
    const dir = project({ 'main.baml': 'ERROR here' });
    const io = memoryIo(dir);
    const code = await runCli(['generate'], {
      io,
      loadToolchain: async () => fakeToolchain(emptyProgram()),
    });
    expect(code).toBe(1);
    expect(io.stderr).toContain('main.baml: error: bad thing');
    expect(io.stderr).toContain('1 error in baml_src; fix it and run the command again.');
    expect(io.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, 'baml_client'))).toBe(false);
  });

  it('explains a missing folder in one paragraph', async () => {
    const io = memoryIo(tmpdir());
    const code = await runCli(['generate', '--from', 'nope/baml_src'], {
      io,
      loadToolchain: async () => fakeToolchain(emptyProgram()),
    });
    expect(code).toBe(1);
    expect(io.stderr).toMatch(
      /^error: No BAML source folder at .*nope[/\\]baml_src\. .*tsbaml init/,
    );
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('fails when there is no generator block, with an example of one', async () => {
    const dir = project({ 'main.baml': 'x' });
    const io = memoryIo(dir);
    const code = await runCli(['generate'], {
      io,
      loadToolchain: async () => fakeToolchain(emptyProgram()),
    });
    expect(code).toBe(1);
    expect(io.stderr).toContain('output_type "typescript"');
  });

  it('skips unsupported output types and writes openapi.yaml for rest/openapi', async () => {
    const dir = project({ 'main.baml': 'x' });
    const io = memoryIo(dir);
    const program = emptyProgram({
      generators: [
        { name: 'go', outputType: 'go', outputDir: '../', options: {} },
        { name: 'api', outputType: 'rest/openapi', outputDir: '../', options: {} },
      ],
    });
    const code = await runCli(['generate'], {
      io,
      loadToolchain: async () => fakeToolchain(program),
    });
    expect(code).toBe(0);
    expect(io.stderr).toContain('Skipped generator go');
    const doc = JSON.parse(readFileSync(path.join(dir, 'baml_client', 'openapi.yaml'), 'utf8'));
    expect(doc.openapi).toBe('3.0.0');
  });

  it('keeps both a TypeScript client and openapi.yaml generated into the same folder', async () => {
    const dir = project({ 'main.baml': 'x' });
    // Left by an earlier run: the client folder is still replaced as a whole.
    mkdirSync(path.join(dir, 'baml_client'));
    writeFileSync(path.join(dir, 'baml_client', 'stale.ts'), 'old');
    // The OpenAPI generator comes first, so an order-dependent write would lose its file.
    const program = emptyProgram({
      generators: [
        { name: 'api', outputType: 'rest/openapi', outputDir: '../', options: {} },
        tsGenerator,
      ],
    });
    // The real writeClient, which swaps the whole folder (the fake one only adds files).
    const toolchain = { ...fakeToolchain(program), writeClient };
    for (let run = 0; run < 2; run++) {
      const io = memoryIo(dir);
      expect(await runCli(['generate'], { io, loadToolchain: async () => toolchain })).toBe(0);
      expect(io.stdout).toContain('Wrote baml_client/openapi.yaml (generator api)');
      expect(io.stdout).toContain('Wrote 2 files to baml_client (generator ts)');
      expect(readdirSync(path.join(dir, 'baml_client')).sort()).toEqual([
        'index.ts',
        'openapi.yaml',
        'types.ts',
      ]);
      const doc = JSON.parse(readFileSync(path.join(dir, 'baml_client', 'openapi.yaml'), 'utf8'));
      expect(doc.openapi).toBe('3.0.0');
    }
  });
});

describe('tsbaml (top level)', () => {
  it('--version and --help exit 0 on every command', async () => {
    for (const argv of [
      ['--version'],
      ['--help'],
      ['generate', '--help'],
      ['generate', '--version'],
      ['check', '--help'],
      ['init', '--help'],
    ]) {
      const io = memoryIo(tmpdir());
      expect(await runCli(argv, { io })).toBe(0);
      expect(io.stdout.length).toBeGreaterThan(0);
    }
  });

  it('rejects unknown commands and options with exit 1', async () => {
    const io = memoryIo(tmpdir());
    expect(await runCli(['frobnicate'], { io })).toBe(1);
    expect(io.stderr).toContain("unknown command 'frobnicate'");
    const io2 = memoryIo(tmpdir());
    expect(await runCli(['generate', '--nope'], { io: io2 })).toBe(1);
  });

  it('check delegates to runCheck with --from', async () => {
    const io = memoryIo(tmpdir());
    const seen: string[] = [];
    const code = await runCli(['check', '--from', 'x/baml_src'], {
      io,
      runCheck: async ({ from }) => {
        seen.push(from);
        return 3;
      },
    });
    expect(code).toBe(3);
    expect(seen).toEqual(['x/baml_src']);
  });

  it('init scaffolds baml_src and refuses to overwrite it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tsbaml-init-'));
    const io = memoryIo(dir);
    expect(await runCli(['init'], { io })).toBe(0);
    expect(readFileSync(path.join(dir, 'baml_src', 'generators.baml'), 'utf8')).toContain(
      'output_type "typescript"',
    );
    expect(readFileSync(path.join(dir, 'baml_src', 'resume.baml'), 'utf8')).toContain(
      'test ExtractResumeExample',
    );
    const again = memoryIo(dir);
    expect(await runCli(['init'], { io: again })).toBe(1);
    expect(again.stderr).toContain('never overwrites');
  });
});
