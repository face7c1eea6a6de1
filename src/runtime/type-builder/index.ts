// Dynamic types: the TypeBuilder API, and the program a call with `{ tb }` runs on.
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
export {
  type BamlTypeReader,
  programWithTypeBuilder,
  TypeBuilder,
  type TypeBuilderOptions,
} from './type-builder.js';
