// Hand-built test programs start from the IR's own empty program, the one the compiler fills in,
// so a new `Program` field is added in one place instead of in every fixture.
export { emptyProgram } from '../../src/ir/empty-program.js';
