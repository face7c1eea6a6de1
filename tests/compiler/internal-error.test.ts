import { describe, expect, it, vi } from 'vitest';
import { compile } from '../../src/compiler/index.js';

// Simulate a bug in analysis: compile() must turn it into a diagnostic instead of throwing.
vi.mock('../../src/compiler/phases/2-analyze/analyze.js', () => ({
  analyze: () => {
    throw new Error('boom');
  },
}));

describe('compile() never throws', () => {
  it('reports an unexpected exception as an internal_error diagnostic', () => {
    const result = compile([{ path: 'a.baml', text: 'class A {\n  x int\n}\n' }]);
    expect(result.program).toBeNull();
    expect(result.diagnostics).toMatchObject([
      { code: 'internal_error', severity: 'error', message: 'Internal compiler error: boom' },
    ]);
  });
});
