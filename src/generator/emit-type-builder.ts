// type_builder.ts: the program's TypeBuilder, laid out like BAML's. It extends the TypeBuilder of
// "tsbaml/type-builder" (which can read `addBaml` text) with one property per class and enum of
// the schema: a builder (add, change, remove properties or values) for a `@@dynamic` type, a
// read-only viewer (`type()`, listing) for any other, so `tb.Fixed.addProperty` does not exist.
import type { EmitContext } from './context.js';
import { HEADER } from './context.js';
import { Doc } from './doc.js';
import { stringLiteral } from './ts-names.js';

/** Members of the TypeBuilder itself: a type with one of these names gets no property. */
const BUILDER_MEMBERS = new Set([
  'string',
  'int',
  'float',
  'bool',
  'null',
  'literalString',
  'literalInt',
  'literalBool',
  'list',
  'map',
  'union',
  'addClass',
  'addEnum',
  'addBaml',
  'clear',
  'classBuilder',
  'classViewer',
  'enumBuilder',
  'enumViewer',
  'constructor',
]);

interface Accessor {
  name: string;
  kind: 'class' | 'enum';
  dynamic: boolean;
  members: string[];
}

/** The text of `type_builder.ts`. */
export function emitTypeBuilder(ctx: EmitContext): string {
  const accessors: Accessor[] = [
    ...Object.values(ctx.program.classes).map(
      (c): Accessor => ({
        name: c.name,
        kind: 'class',
        dynamic: c.dynamic === true,
        members: c.fields.map((f) => f.name),
      }),
    ),
    ...Object.values(ctx.program.enums).map(
      (e): Accessor => ({
        name: e.name,
        kind: 'enum',
        dynamic: e.dynamic === true,
        members: e.values.map((v) => v.name),
      }),
    ),
  ].filter((a) => !BUILDER_MEMBERS.has(a.name) && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(a.name));

  const doc = new Doc().lines(HEADER).line();
  doc.line('import {');
  doc.line('  TypeBuilder as _TypeBuilder,');
  doc.line('  type ClassBuilder,');
  doc.line('  type ClassViewer,');
  doc.line('  type EnumBuilder,');
  doc.line('  type EnumViewer,');
  doc.line('} from "tsbaml/type-builder"');
  doc.line(
    'export { ClassBuilder, ClassViewer, EnumBuilder, EnumViewer, FieldType } from "tsbaml/type-builder"',
  );
  doc.line(`import { getBamlIr } from "${ctx.local('inlinedbaml')}"`);
  doc.line();
  doc.jsdoc(
    [
      'Changes to the types of this program for the calls it is passed to:',
      '`b.Fn(args, { tb })`, `b.stream.Fn`, `b.parse.Fn`, … or `b.withOptions({ tb })`.',
      'Other calls, and calls made at the same time without it, are not affected.',
    ].join('\n'),
  );
  doc.block('export default class TypeBuilder extends _TypeBuilder {', () => {
    for (const a of accessors) {
      doc.jsdoc(
        a.dynamic
          ? `\`@@dynamic\` ${a.kind} \`${a.name}\`: ${a.kind === 'class' ? 'add, change and remove properties' : 'add and change values'}.`
          : `${a.kind} \`${a.name}\` (not \`@@dynamic\`): its \`type()\`, to use in other types.`,
      );
      doc.line(`readonly ${a.name}: ${accessorType(a)}`);
    }
    if (accessors.length > 0) doc.line();
    doc.block('constructor() {', () => {
      doc.line('super(getBamlIr())');
      for (const a of accessors) {
        const factory = `${a.kind}${a.dynamic ? 'Builder' : 'Viewer'}`;
        doc.line(`this.${a.name} = this.${factory}<${typeArguments(a)}>(${stringLiteral(a.name)})`);
      }
    });
  });
  doc.line();
  doc.line('export { TypeBuilder }');
  return doc.toString();
}

function accessorType(a: Accessor): string {
  const kind = a.kind === 'class' ? 'Class' : 'Enum';
  return `${kind}${a.dynamic ? 'Builder' : 'Viewer'}<${typeArguments(a)}>`;
}

function typeArguments(a: Accessor): string {
  const members = a.members.length > 0 ? a.members.map(stringLiteral).join(' | ') : 'never';
  return `${stringLiteral(a.name)}, ${members}`;
}
