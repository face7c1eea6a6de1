import { describe, expect, it } from 'vitest';
import { compile, formatDiagnostics } from '../../src/compiler/index.js';
import { conformanceCases } from '../support/conformance-cases.js';

const cases = conformanceCases();

describe('every conformance source compiles cleanly', () => {
  it('finds the recorded cases', () => {
    expect(cases.length).toBeGreaterThan(200);
  });

  it.each(cases)('$id', ({ id, source }) => {
    const sources = [{ path: `${id}.baml`, text: source }];
    const { program, diagnostics } = compile(sources);
    expect(formatDiagnostics(diagnostics, sources)).toBe('');
    expect(program).not.toBeNull();
    expect(program?.generators).toHaveLength(1);
    // Some cases declare their own `Fake` with extra options; all read base_url from env.
    expect(program?.clients.Fake).toMatchObject({
      name: 'Fake',
      provider: 'openai-generic',
      options: { base_url: { $env: 'ORACLE_BASE_URL' }, model: 'fake', api_key: 'x' },
    });
    for (const fn of Object.values(program?.functions ?? {})) {
      expect(program?.clients[fn.client]).toBeDefined();
      expect(fn.prompt.length).toBeGreaterThan(0);
    }
  });
});
