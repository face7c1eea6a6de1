import { afterEach, describe, expect, it } from 'vitest';
import type { Program } from '../../src/ir/types.js';
import { mergeCallOptions, resolveEnv } from '../../src/runtime/client/call-options.js';
import { validateArgs } from '../../src/runtime/client/validate-args.js';
import { emptyProgram } from '../support/empty-program.js';

describe('call options', () => {
  afterEach(() => {
    delete process.env.TSBAML_TEST_VAR;
  });

  it('merge env and tags key by key, per-call options winning', () => {
    const merged = mergeCallOptions(
      { env: { A: '1', B: '1' }, tags: { t: 'a' }, client: 'X' },
      { env: { B: '2' }, tags: { u: 'b' } },
    );
    expect(merged).toEqual({ env: { A: '1', B: '2' }, tags: { t: 'a', u: 'b' }, client: 'X' });
    expect(mergeCallOptions(undefined, { client: 'Y' })).toEqual({ client: 'Y' });
  });

  it('the environment is process.env with the call env on top; undefined unsets', () => {
    process.env.TSBAML_TEST_VAR = 'from-process';
    expect(resolveEnv(undefined).TSBAML_TEST_VAR).toBe('from-process');
    expect(resolveEnv({ TSBAML_TEST_VAR: 'call' }).TSBAML_TEST_VAR).toBe('call');
    const env = resolveEnv({ TSBAML_TEST_VAR: undefined });
    expect('TSBAML_TEST_VAR' in env).toBe(false);
  });

  it('works without a process global (browsers, edge)', () => {
    const saved = globalThis.process;
    try {
      (globalThis as any).process = undefined;
      expect(resolveEnv({ K: 'v' })).toEqual({ K: 'v' });
    } finally {
      globalThis.process = saved;
    }
  });

  it('reads the platform one name at a time, and never for a name the call gives', () => {
    const asked: string[] = [];
    const g = globalThis as { Deno?: unknown };
    g.Deno = {
      env: {
        get(name: string) {
          asked.push(name);
          if (name !== 'ALLOWED') throw new Error(`NotCapable: Requires env access to "${name}"`);
          return 'yes';
        },
        toObject() {
          throw new Error('NotCapable: Requires env access');
        },
      },
    };
    try {
      const env = resolveEnv({ OPENAI_API_KEY: 'sk-call' });
      expect(env.OPENAI_API_KEY).toBe('sk-call');
      expect(env.ALLOWED).toBe('yes');
      expect(env.DENIED).toBeUndefined();
      expect(asked).toEqual(['ALLOWED', 'DENIED']);
    } finally {
      delete g.Deno;
    }
  });
});

const str = { kind: 'primitive', name: 'string' } as const;
const program: Program = emptyProgram({
  classes: {
    Item: {
      name: 'Item',
      fields: [
        { name: 'name', type: str },
        { name: 'color', type: { kind: 'enum', name: 'Color' } },
      ],
    },
  },
  enums: { Color: { name: 'Color', values: [{ name: 'RED' }, { name: 'BLUE' }] } },
});
const fn = {
  name: 'F',
  params: [
    { name: 'items', type: { kind: 'list', item: { kind: 'class', name: 'Item' } } } as const,
    { name: 'm', type: { kind: 'map', key: str, value: { kind: 'literal', value: 1 } } } as const,
  ],
  returnType: str,
  client: 'C',
  prompt: '',
};

describe('argument validation', () => {
  it('accepts values that fit, including extra object keys', () => {
    const args = { items: [{ name: 'a', color: 'RED', extra: true }], m: { k: 1 } };
    expect(validateArgs(program, fn, args)).toEqual(args);
  });

  it('names the path of the first value that does not fit', () => {
    expect(() =>
      validateArgs(program, fn, { items: [{ name: 'a', color: 'GREEN' }], m: {} }),
    ).toThrow(/items\[0\]\.color: "GREEN" is not a value of enum Color/);
    expect(() => validateArgs(program, fn, { items: [{ color: 'RED' }], m: {} })).toThrow(
      /items\[0\]\.name: Missing required field/,
    );
    expect(() => validateArgs(program, fn, { items: [], m: { k: 2 } })).toThrow(
      /m\["k"\]: expected 1/,
    );
    expect(() => validateArgs(program, fn, { items: 'x', m: {} })).toThrow(
      /items: expected a list/,
    );
  });
});
