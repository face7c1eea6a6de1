// Fixture-folder tests for the compiler, one folder per case:
//   samples/valid/<case>/input.baml   (or a baml_src/ folder) → ir.json            (no diagnostics)
//   samples/invalid/<case>/input.baml (or a baml_src/ folder) → diagnostics.json   (code, span, line:col)
// UPDATE_SNAPSHOTS=1 rewrites the expected files; on a mismatch `_actual.json` is written beside
// them for diffing. FILTER=<substring> runs only matching cases.

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BamlSource, compile, type Diagnostic } from '../../src/compiler/index.js';
import { LineIndex } from '../../src/compiler/source/line-index.js';
import { readSample, sampleDirs } from './sample-files.js';

const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

function matchSnapshot(dir: string, file: string, actual: unknown): void {
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  const expectedPath = join(dir, file);
  const actualPath = join(dir, '_actual.json');
  if (UPDATE || !existsSync(expectedPath)) writeFileSync(expectedPath, text);
  const expected = readFileSync(expectedPath, 'utf8');
  if (expected === text) rmSync(actualPath, { force: true });
  else writeFileSync(actualPath, text);
  expect(text).toBe(expected);
}

function locate(diagnostics: Diagnostic[], sources: BamlSource[]) {
  return diagnostics.map((d) => {
    const text = sources.find((s) => s.path === d.file)?.text ?? '';
    const index = new LineIndex(text);
    const start = index.locate(d.start);
    const end = index.locate(d.end);
    return {
      code: d.code,
      ...(d.severity === 'warning' ? { severity: d.severity } : {}),
      file: d.file,
      at: `${start.line}:${start.column}-${end.line}:${end.column}`,
      text: text.slice(d.start, d.end),
      message: d.message,
      ...(d.hint ? { hint: d.hint } : {}),
    };
  });
}

// A valid sample may warn: its warnings are then kept in `warnings.json` beside `ir.json`.
describe('valid samples compile to the expected IR', () => {
  it.each(sampleDirs('valid'))('%s', async (_name, dir) => {
    const sources = await readSample(dir);
    const { program, diagnostics } = compile(sources);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    matchSnapshot(dir, 'ir.json', program);
    if (diagnostics.length > 0 || existsSync(join(dir, 'warnings.json'))) {
      matchSnapshot(dir, 'warnings.json', locate(diagnostics, sources));
    }
  });
});

describe('invalid samples report the expected diagnostics', () => {
  it.each(sampleDirs('invalid'))('%s', async (_name, dir) => {
    const sources = await readSample(dir);
    const { program, diagnostics } = compile(sources);
    expect(program).toBeNull();
    expect(diagnostics.length).toBeGreaterThan(0);
    matchSnapshot(dir, 'diagnostics.json', locate(diagnostics, sources));
  });
});
