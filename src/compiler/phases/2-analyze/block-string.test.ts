import { describe, expect, it } from 'vitest';
import { blockStringValue } from './block-string.js';
import { bareValue } from './config-values.js';

describe('blockStringValue', () => {
  it('drops the blank first/last lines, dedents and trims', () => {
    expect(blockStringValue('\n    multi\n      line\n  ')).toBe('multi\n  line');
    expect(blockStringValue('inline')).toBe('inline');
    expect(blockStringValue('\n\n   \n')).toBe('');
  });
});

describe('bareValue', () => {
  it('interprets unquoted words', () => {
    expect(bareValue('true')).toBe(true);
    expect(bareValue('false')).toBe(false);
    expect(bareValue('null')).toBe(null);
    expect(bareValue('-2.5')).toBe(-2.5);
    expect(bareValue('env.OPENAI_API_KEY')).toEqual({ $env: 'OPENAI_API_KEY' });
    expect(bareValue('env.')).toBe('env.');
    expect(bareValue('gpt-4o')).toBe('gpt-4o');
  });
});
