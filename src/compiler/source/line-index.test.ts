import { describe, expect, it } from 'vitest';
import { codeFrame } from './code-frame.js';
import { LineIndex } from './line-index.js';

describe('LineIndex', () => {
  const index = new LineIndex('ab\ncd\r\n\nef');

  it('maps offsets to 1-based lines and columns', () => {
    expect(index.locate(0)).toEqual({ line: 1, column: 1 });
    expect(index.locate(3)).toEqual({ line: 2, column: 1 });
    expect(index.locate(4)).toEqual({ line: 2, column: 2 });
    expect(index.locate(8)).toEqual({ line: 4, column: 1 });
    expect(index.locate(999)).toEqual({ line: 4, column: 3 });
  });

  it('returns line text without the line break', () => {
    expect(index.lineText(2)).toBe('cd');
    expect(index.lineText(3)).toBe('');
    expect(index.lineText(9)).toBe('');
  });
});

describe('codeFrame', () => {
  it('underlines the span on its line', () => {
    const index = new LineIndex('class A {\n  x Persn\n}');
    expect(codeFrame(index, { start: 14, end: 19 })).toBe('2 |   x Persn\n  |     ^^^^^');
  });

  it('clips a multi-line span to its first line and shows at least one caret', () => {
    const index = new LineIndex('abc\ndef');
    expect(codeFrame(index, { start: 1, end: 6 })).toBe('1 | abc\n  |  ^^');
    expect(codeFrame(index, { start: 7, end: 7 })).toBe('2 | def\n  |    ^');
  });
});
