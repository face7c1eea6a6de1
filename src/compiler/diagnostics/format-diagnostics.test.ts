import { describe, expect, it } from 'vitest';
import { compile, formatDiagnostics } from '../index.js';

describe('formatDiagnostics', () => {
  it('prints path:line:col, the code, the source line, carets and the hint', () => {
    const sources = [
      {
        path: 'baml_src/main.baml',
        text: 'class Person {\n  name string\n}\nclass Pet {\n  owner Persn\n}\n',
      },
    ];
    const { diagnostics } = compile(sources);
    expect(formatDiagnostics(diagnostics, sources)).toBe(
      [
        'baml_src/main.baml:5:9: error[unknown_type]: Unknown type `Persn`',
        '  5 |   owner Persn',
        '    |         ^^^^^',
        '  hint: Did you mean `Person`?',
      ].join('\n'),
    );
  });

  it('separates diagnostics with a blank line and survives an unknown file', () => {
    const text = formatDiagnostics(
      [
        { code: 'x', severity: 'error', message: 'first', file: 'missing.baml', start: 0, end: 1 },
        {
          code: 'y',
          severity: 'warning',
          message: 'second',
          file: 'missing.baml',
          start: 0,
          end: 1,
        },
      ],
      [],
    );
    expect(text).toBe('missing.baml: error[x]: first\n\nmissing.baml: warning[y]: second');
  });
});
