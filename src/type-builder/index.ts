// "tsbaml/type-builder": the TypeBuilder a generated `baml_client/type_builder.ts` extends. It
// is the runtime's TypeBuilder with `addBaml` able to read BAML text, which needs the compiler's
// front end; that is why it is a separate entry point: "tsbaml" itself never loads the compiler.
import type { Program } from '../ir/types.js';
import {
  TypeBuilder as RuntimeTypeBuilder,
  type TypeBuilderOptions,
} from '../runtime/type-builder/index.js';
import { readTypeBuilderBaml } from './read-baml.js';

// Everything the runtime's type-builder module exports; TypeBuilder is replaced below.
export * from '../runtime/type-builder/index.js';
export { readTypeBuilderBaml } from './read-baml.js';

/** The runtime's TypeBuilder, with `addBaml` reading BAML text. */
export class TypeBuilder extends RuntimeTypeBuilder {
  constructor(program: Program, options: TypeBuilderOptions = {}) {
    super(program, { readBaml: readTypeBuilderBaml, ...options });
  }
}
