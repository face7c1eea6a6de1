// The entry points b.parse / b.parseStream / b.stream use.
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compiler/index.js';
import { BamlValidationError } from '../../src/runtime/errors/index.js';
import {
  createStreamParser,
  parseFinal,
  parsePartial,
  UNCHANGED,
} from '../../src/runtime/parse/index.js';

const SOURCE = `
class Person {
  name string
  age int
}
function Get(input: string) -> Person {
  client "openai/gpt-4o"
  prompt #"{{ input }}"#
}
`;
const { program } = compile([{ path: 'x.baml', text: SOURCE }]);
if (!program) throw new Error('schema does not compile');
const target = program.functions.Get?.returnType;
if (!target) throw new Error('no function');

describe('parse entry points', () => {
  it('parseFinal returns the value or throws BamlValidationError with raw_output', () => {
    expect(parseFinal(program, target, 'Sure: {"name": "Ada", "age": 36}')).toEqual({
      name: 'Ada',
      age: 36,
    });
    try {
      parseFinal(program, target, '{"name": "Ada"}');
      expect.unreachable();
    } catch (e) {
      expect(BamlValidationError.isInstance(e)).toBe(true);
      expect((e as BamlValidationError).raw_output).toBe('{"name": "Ada"}');
      expect((e as BamlValidationError).prompt).toBe('');
      expect((e as Error).message).toContain('Missing required field: age');
    }
  });

  it('parsePartial shows what is known so far', () => {
    expect(parsePartial(program, target, '{"name": "Ad')).toEqual({ name: 'Ad', age: null });
    expect(parsePartial(program, target, '{"name": "Ada", "age": 3')).toEqual({
      name: 'Ada',
      age: null,
    });
  });

  it('createStreamParser yields partials, UNCHANGED when nothing visible changed, and the final value', () => {
    const p = createStreamParser(program, target);
    expect(p.push('{"name": "A')).toEqual({ name: 'A', age: null });
    expect(p.push('da", "age": 3')).toEqual({ name: 'Ada', age: null });
    expect(p.push('6')).toBe(UNCHANGED);
    expect(p.text).toBe('{"name": "Ada", "age": 36');
    const done = p.finish();
    expect(done.value).toEqual({ name: 'Ada', age: 36 });
    expect(done.partial).toEqual({ name: 'Ada', age: 36 });
  });
});
