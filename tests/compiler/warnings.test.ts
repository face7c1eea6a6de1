import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compiler/index.js';

const header = 'function F(x: string) -> ';
const body = ' {\n  client "openai/gpt-4o"\n  prompt #"hi"#\n}\n';

function diagnosticsFor(returnType: string, extra = '') {
  return compile([{ path: 'w.baml', text: `${extra}${header}${returnType}${body}` }]);
}

describe('unsupported output types are warnings', () => {
  it.each([
    ['image', '', '`F` returns `image`, which is not supported in outputs'],
    ['(int, string)', '', '`F` returns a tuple, which is not supported in outputs'],
    [
      'Photo[]',
      'class Photo {\n  data audio?\n}\n',
      '`F` returns `audio` (at Photo.data), which is not supported in outputs',
    ],
    [
      'Album',
      'type Album = map<string, pdf>\n',
      '`F` returns `pdf`, which is not supported in outputs',
    ],
  ])('%s', (returnType, extra, message) => {
    const { program, diagnostics } = diagnosticsFor(returnType, extra);
    expect(program).not.toBeNull();
    expect(diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      ['unsupported_output_type', 'warning', message],
    ]);
  });

  it('ignores media in inputs and in skipped fields', () => {
    const { diagnostics } = diagnosticsFor(
      'Photo',
      'class Photo {\n  data image? @skip\n  caption string\n}\n',
    );
    expect(diagnostics).toEqual([]);
    expect(
      compile([{ path: 'w.baml', text: `function G(i: image) -> string${body}` }]).diagnostics,
    ).toEqual([]);
  });
});
