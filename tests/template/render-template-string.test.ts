// A test's `input Name(…)` renders the template string `Name` with positional arguments; the
// other template strings are callable from it, and BAML's prompt globals are not defined.

import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compiler/index.js';
import type { Program } from '../../src/ir/types.js';
import { BamlInvalidArgumentError } from '../../src/runtime/errors/index.js';
import { renderTemplateString } from '../../src/runtime/template/render-prompt.js';

function program(text: string): Program {
  const { program } = compile([{ path: 'main.baml', text }]);
  if (!program) throw new Error('fixture does not compile');
  return program;
}

const source = `
template_string Unit() #"
  kg
"#

template_string Weight(n: int, names: string[]) ##"
  {{ names|join(", ") }} weigh {{ n }} {{ Unit() }}
"##

template_string UsesCtx() #"
  {% if ctx is defined or _ is defined %}globals{% else %}none{% endif %}
"#
`;

describe('renderTemplateString', () => {
  it('renders the body with its arguments, dedented, calling other template strings', () => {
    expect(renderTemplateString(program(source), 'Weight', [12, ['Ann', 'Bo']])).toBe(
      'Ann, Bo weigh 12 kg',
    );
  });

  it('rejects a wrong argument count and an unknown name', () => {
    const p = program(source);
    expect(() => renderTemplateString(p, 'Weight', [1])).toThrow(
      "Template string 'Weight' expects 2 arguments, but 1 were provided",
    );
    expect(() => renderTemplateString(p, 'Nope', [])).toThrow(BamlInvalidArgumentError);
  });

  it('has no prompt globals: `ctx` and `_` are undefined there', () => {
    expect(renderTemplateString(program(source), 'UsesCtx', [])).toBe('none');
  });
});
