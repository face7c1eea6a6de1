// Every recorded conformance reply (tests/conformance/cases/*/*.json, `chunks` as streamed by
// the real provider) fed chunk by chunk: after each chunk the incremental tree must equal the
// one-shot tree of the same prefix, and the final tree must equal the one-shot final tree.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTopLevel } from '../../src/runtime/parse/raw/candidate-stages.js';
import { RawParser } from '../../src/runtime/parse/raw/index.js';
import { plainTree } from './tree-helpers.js';

const casesDir = fileURLToPath(new URL('../conformance/cases/', import.meta.url));

function recordedCases(): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  for (const category of readdirSync(casesDir).sort()) {
    for (const file of readdirSync(join(casesDir, category)).sort()) {
      if (!file.endsWith('.json')) continue;
      const data = JSON.parse(readFileSync(join(casesDir, category, file), 'utf8')) as {
        chunks?: unknown;
      };
      if (Array.isArray(data.chunks) && data.chunks.every((c) => typeof c === 'string')) {
        out.push([`${category}/${file}`, data.chunks as string[]]);
      }
    }
  }
  return out;
}

describe('recorded replies: incremental equals one-shot at every chunk', () => {
  it.each(recordedCases())('%s', (_name, chunks) => {
    const parser = new RawParser();
    let text = '';
    for (const chunk of chunks) {
      parser.push(chunk);
      text += chunk;
      expect(plainTree(parser.root())).toEqual(plainTree(parseTopLevel(text, false)));
    }
    parser.finish();
    expect(plainTree(parser.root())).toEqual(plainTree(parseTopLevel(text, true)));
  });
});
