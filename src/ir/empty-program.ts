// The program with nothing declared: what the compiler fills in, and what hand-built programs
// (tests, tools) start from, so a new `Program` field gets its empty value in one place.
import { IR_VERSION, type Program } from './types.js';

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
