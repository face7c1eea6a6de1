// partial_types.ts: the types of streamed partial values (spec §4.2), in a `partial_types`
// namespace so that `partial_types.Person` and `types.Person` can sit side by side.
import { acceptsNull } from '../ir/type-queries.js';
import type { ClassDef, TypeAliasDef } from '../ir/types.js';
import type { EmitContext } from './context.js';
import { HEADER } from './context.js';
import { Doc } from './doc.js';
import { finalType } from './final-types.js';
import { type PartialContext, partialShape } from './partial-types.js';
import { propertyKey } from './ts-names.js';

/** The text of `partial_types.ts`. */
export function emitPartialTypes(ctx: EmitContext): string {
  const partial: PartialContext = {
    program: ctx.program,
    partialPrefix: '',
    finalPrefix: 'types.',
    media: new Set(),
  };
  const body = new Doc();
  body.block('export namespace partial_types {', () => {
    for (const def of Object.values(ctx.program.classes)) emitClass(body, def, partial);
    for (const def of Object.values(ctx.program.typeAliases)) emitAlias(body, def, partial);
  });

  const doc = new Doc().lines(HEADER).line();
  const media = [...partial.media].sort();
  if (media.length > 0) doc.line(`import type { ${media.join(', ')} } from "tsbaml"`);
  doc.line(`import type * as types from "${ctx.local('types')}"`);
  doc.line();
  doc.jsdoc(
    'A value with `@stream.with_state`: the value so far and whether it is still to come\n' +
      '(`Pending`), arriving (`Incomplete`) or finished (`Complete`).',
  );
  doc.block('export interface StreamState<T> {', () => {
    doc.line('value: T');
    doc.line('state: "Pending" | "Incomplete" | "Complete"');
  });
  doc.line();
  return `${doc.toString()}\n${body.toString()}`;
}

function emitClass(doc: Doc, def: ClassDef, ctx: PartialContext): void {
  doc.jsdoc(def.docs);
  doc.block(`export interface ${def.name} {`, () => {
    for (const field of def.fields) {
      doc.jsdoc(field.docs);
      const key = propertyKey(field.name);
      if (def.streamDone) {
        // A `@@stream.done` class only ever appears complete: its fields have their final types.
        const optional = acceptsNull(field.type) ? '?' : '';
        doc.line(
          `${key}${optional}: ${finalType(field.type, { program: ctx.program, prefix: 'types.', media: ctx.media })}`,
        );
        continue;
      }
      const shape = partialShape(field.type, ctx, false);
      doc.line(`${key}${shape.nullable ? '?' : ''}: ${shape.ts}`);
    }
    if (def.dynamic) doc.line('[key: string]: any');
  });
  doc.line();
}

function emitAlias(doc: Doc, def: TypeAliasDef, ctx: PartialContext): void {
  doc.jsdoc(def.docs);
  const ts = partialShape(def.type, { ...ctx, indexSignatureMaps: def.recursive }, false).ts;
  doc.line(`export type ${def.name} = ${ts}`);
  doc.line();
}
