// Dynamic types: the TypeBuilder API. (`programWithTypeBuilder`, the program a call with `{ tb }`
// runs on, is internal: the client runtime imports it from ./type-builder.js.)
export {
  ClassBuilder,
  ClassPropertyBuilder,
  ClassPropertyViewer,
  ClassViewer,
  EnumBuilder,
  EnumValueBuilder,
  EnumValueViewer,
  EnumViewer,
} from './builders.js';
export { FieldType } from './field-type.js';
export { type BamlTypeReader, TypeBuilder, type TypeBuilderOptions } from './type-builder.js';
