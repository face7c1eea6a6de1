// Hand-written IR for the client tests (the compiler is tested elsewhere).
import type { Program } from '../../../src/ir/types.js';
import { emptyProgram } from '../../support/empty-program.js';

const str = { kind: 'primitive', name: 'string' } as const;
const int = { kind: 'primitive', name: 'int' } as const;

/** `class Person { name string  age int? }`, `Describe(text: string, n: int?) -> string`, `Extract(text) -> Person`. */
export const program: Program = emptyProgram({
  classes: {
    Person: {
      name: 'Person',
      fields: [
        { name: 'name', type: str },
        {
          name: 'age',
          type: { kind: 'union', variants: [int, { kind: 'primitive', name: 'null' }] },
        },
      ],
    },
  },
  functions: {
    Describe: {
      name: 'Describe',
      params: [
        { name: 'text', type: str },
        {
          name: 'n',
          type: { kind: 'union', variants: [int, { kind: 'primitive', name: 'null' }] },
        },
      ],
      returnType: str,
      client: 'Fake',
      prompt: '{{ text }}',
    },
    Extract: {
      name: 'Extract',
      params: [{ name: 'text', type: str }],
      returnType: { kind: 'class', name: 'Person' },
      client: 'Fake',
      prompt: '{{ text }} {{ ctx.output_format }}',
    },
  },
  clients: {
    Fake: {
      name: 'Fake',
      provider: 'openai-generic',
      options: { base_url: { $env: 'FAKE_BASE_URL' }, model: 'fake' },
    },
    Strict: {
      name: 'Strict',
      provider: 'openai-generic',
      options: {
        base_url: { $env: 'FAKE_BASE_URL' },
        model: 'fake',
        finish_reason_deny_list: ['length'],
      },
    },
  },
});
