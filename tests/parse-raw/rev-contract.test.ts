// The `rev` contract of raw-value.ts, checked on every `root()` of a stream: a node handed out
// again (same object) whose content changed since it was last handed out has a larger `rev`;
// wrappers (AnyOf, FixedJson, Markdown, "all of them" arrays) included, so a coercer may skip a
// node whose identity and `rev` are unchanged. An AnyOf's `text` counts as its content.
import { describe, expect, it } from 'vitest';
import { RawParser } from '../../src/runtime/parse/raw/index.js';
import type { RawValue } from '../../src/runtime/parse/raw/raw-value.js';
import { FIXTURES } from './corpus.js';
import { showRaw } from './tree-helpers.js';

const EXTRA = [
  'Here:\n```json\n{"a": 1}\n```\nand\n```json\n{"b": [1, 2]}\n```\nbye {"c": 3}',
  'text {"a": 1} more {"b": 2} and [3, {"d": "x"}] end',
  '```json\n{"name": "Bo", "tags": ["x", "y"]}\n```',
  '{"a": "caf\\u00e9", b: tru, c: [1, 2.5e3, nul',
];

function content(node: RawValue): string {
  return node.kind === 'anyOf' ? `${showRaw(node)}|${node.text}` : showRaw(node);
}

function walk(node: RawValue, visit: (n: RawValue) => void): void {
  visit(node);
  switch (node.kind) {
    case 'object':
      for (const e of node.entries) walk(e.value, visit);
      return;
    case 'array':
      for (const item of node.items) walk(item, visit);
      return;
    case 'markdown':
    case 'fixed':
      walk(node.inner, visit);
      return;
    case 'anyOf':
      for (const c of node.candidates) walk(c, visit);
      return;
    default:
      return;
  }
}

function violations(text: string, size: number): string[] {
  const seen = new Map<RawValue, { rev: number; content: string }>();
  const out: string[] = [];
  const parser = new RawParser();
  const check = (at: number): void => {
    const visited = new Set<RawValue>();
    walk(parser.root(), (n) => {
      if (visited.has(n)) return;
      visited.add(n);
      const now = { rev: n.rev, content: content(n) };
      const before = seen.get(n);
      if (before !== undefined && before.content !== now.content && !(now.rev > before.rev)) {
        out.push(`@${at} ${n.kind} rev ${now.rev}: ${before.content} -> ${now.content}`);
      }
      seen.set(n, now);
    });
  };
  for (let i = 0; i < text.length; i += size) {
    parser.push(text.slice(i, i + size));
    check(i + size);
  }
  parser.finish();
  check(text.length);
  return out;
}

describe('rev contract', () => {
  const inputs = [...FIXTURES.map(([input]) => input), ...EXTRA];
  it.each(inputs)('a node handed out again with new content has a larger rev: %j', (input) => {
    for (const size of [1, 3, 7]) expect(violations(input, size).slice(0, 3)).toEqual([]);
  });
});
