// types.ts: the final types of every class, enum and type alias.
import { acceptsNull } from '../ir/type-queries.js';
import type { ClassDef, EnumDef, TypeAliasDef } from '../ir/types.js';
import type { EmitContext } from './context.js';
import { HEADER } from './context.js';
import { Doc } from './doc.js';
import { finalType, type TypeContext } from './final-types.js';
import { propertyKey, stringLiteral } from './ts-names.js';

/** The text of `types.ts`. */
export function emitTypes(ctx: EmitContext): string {
  const types: TypeContext = { program: ctx.program, prefix: '', media: new Set() };
  const body = new Doc();
  for (const def of Object.values(ctx.program.enums)) emitEnum(body, def);
  for (const def of Object.values(ctx.program.classes)) emitClass(body, def, types);
  for (const def of Object.values(ctx.program.typeAliases)) emitAlias(body, def, types);

  const doc = new Doc().lines(HEADER).line();
  const media = [...types.media].sort();
  if (media.length > 0) doc.line(`import type { ${media.join(', ')} } from "tsbaml"`);
  doc.line('import type { Check, Checked } from "tsbaml"');
  doc.line();
  doc.line('export type { Check, Checked }');
  doc.line('export { all_succeeded, get_checks } from "tsbaml"');
  doc.line();
  doc.jsdoc('@deprecated Use the generated partial types (`partial_types`) instead.');
  doc.line('export type RecursivePartialNull<T> = T extends object');
  doc.line('  ? { [P in keyof T]?: RecursivePartialNull<T[P]> }');
  doc.line('  : T | null');
  doc.line();
  return `${doc.toString()}\n${body.toString()}`;
}

function emitEnum(doc: Doc, def: EnumDef): void {
  doc.jsdoc(def.docs);
  doc.block(`export enum ${def.name} {`, () => {
    for (const value of def.values) {
      doc.jsdoc(value.docs);
      doc.line(`${propertyKey(value.name)} = ${stringLiteral(value.name)},`);
    }
  });
  doc.line();
}

function emitClass(doc: Doc, def: ClassDef, types: TypeContext): void {
  doc.jsdoc(def.docs);
  doc.block(`export interface ${def.name} {`, () => {
    for (const field of def.fields) {
      doc.jsdoc(field.docs);
      const optional = acceptsNull(field.type) ? '?' : '';
      doc.line(`${propertyKey(field.name)}${optional}: ${finalType(field.type, types)}`);
    }
    if (def.dynamic) doc.line('[key: string]: any');
  });
  doc.line();
}

function emitAlias(doc: Doc, def: TypeAliasDef, types: TypeContext): void {
  doc.jsdoc(def.docs);
  const ts = finalType(def.type, { ...types, indexSignatureMaps: def.recursive });
  doc.line(`export type ${def.name} = ${ts}`);
  doc.line();
}
