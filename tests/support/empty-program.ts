// The one empty IR program the hand-built test programs start from. The compiler's own
// `analyze` builds the same literal; tests that must not depend on the compiler use this one,
// so a new `Program` field is added in one place instead of in every fixture.
import { IR_VERSION, type Program } from '../../src/ir/types.js';

/**
 * A program with nothing declared, with `overrides` put over it.
 *
 * @example
 * const program = emptyProgram({ enums: { Color: { name: 'Color', values: [{ name: 'RED' }] } } });
 */
export function emptyProgram(overrides: Partial<Program> = {}): Program {
  return {
    irVersion: IR_VERSION,
    classes: {},
    enums: {},
    typeAliases: {},
    functions: {},
    templateStrings: {},
    clients: {},
    retryPolicies: {},
    generators: [],
    tests: [],
    ...overrides,
  };
}
