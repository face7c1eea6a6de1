// TypeScript for the streaming (partial) form of a BAML type, following spec §4.2:
// - numbers, bools, enums and literals only ever appear complete, so they keep their final type;
// - lists and maps are never null (they start as `[]` / `{}`), nor are their items;
// - anything else that is not `@stream.not_null` may be null while it has not arrived;
// - `@stream.done` (and `@@stream.done` classes) use the final types (`types.X`);
// - `@stream.with_state` wraps the value as `StreamState<T | null>`.
import { finalInPartial, neverNullInPartial } from '../ir/type-queries.js';
import type { Program, Type } from '../ir/types.js';
import {
  checkNames,
  finalType,
  mapKey,
  mapOf,
  type TypeContext,
  withoutNull,
} from './final-types.js';
import { arrayOf, stringLiteral, unionOf } from './ts-names.js';

/** How references are written in partial types. */
export interface PartialContext {
  program: Program;
  /** Prefix of partial class and alias names: `''` inside the namespace, else `'partial_types.'`. */
  partialPrefix: string;
  /** Prefix of final names (enums, done classes, `Checked`): `'types.'`. */
  finalPrefix: string;
  media: Set<string>;
  /** See `TypeContext.indexSignatureMaps`. */
  indexSignatureMaps?: boolean;
}

/** A field (or top-level value) in partial form. */
export interface PartialShape {
  /** The TypeScript type, including `| null` when it can be null. */
  ts: string;
  /** May be absent or null while streaming (written `field?: T | null`). */
  nullable: boolean;
}

const finalCtx = (ctx: PartialContext): TypeContext => ({
  program: ctx.program,
  prefix: ctx.finalPrefix,
  media: ctx.media,
  indexSignatureMaps: ctx.indexSignatureMaps === true,
});

/**
 * The partial form of a type at a position. `needed` says the position is never null (a list
 * item, a map value, a union variant, the top level of a stream).
 */
export function partialShape(
  type: Type,
  ctx: PartialContext,
  needed: boolean,
  inDone = false,
): PartialShape {
  const done = inDone || type.attrs?.streamDone === true;
  const isNeeded = neverNullInPartial(ctx.program, type, needed);
  const inner = withoutNull(type);
  // The attributes were read above; the inner type must not apply them a second time.
  let ts = inner === null ? 'null' : bareShape({ ...inner, attrs: {} }, ctx, done);
  const checks = checkNames(type.attrs?.constraints);
  if (checks.length > 0)
    ts = `${ctx.finalPrefix}Checked<${ts}, ${unionOf(checks.map(stringLiteral))}>`;
  if (type.attrs?.streamWithState) {
    return { ts: `StreamState<${isNeeded ? ts : `${ts} | null`}>`, nullable: false };
  }
  if (isNeeded || ts === 'null') return { ts, nullable: false };
  return { ts: `${ts} | null`, nullable: true };
}

/** The partial type without its own nullability. */
function bareShape(type: Type, ctx: PartialContext, done: boolean): string {
  if (done || finalInPartial(type)) return finalType(type, finalCtx(ctx));
  switch (type.kind) {
    case 'class':
      return ctx.program.classes[type.name]?.streamDone
        ? ctx.finalPrefix + type.name
        : ctx.partialPrefix + type.name;
    case 'alias':
      return ctx.partialPrefix + type.name;
    case 'list':
      return arrayOf(partialShape(type.item, ctx, true).ts);
    case 'map':
      return mapOf(
        mapKey(type.key, finalCtx(ctx)),
        partialShape(type.value, ctx, true).ts,
        ctx.indexSignatureMaps === true,
      );
    case 'union':
      return unionOf(type.variants.map((v) => partialShape(v, ctx, true).ts));
  }
}

/**
 * The type a stream's partials have for a function's return type: like a needed position
 * (the top level is never null unless declared optional).
 */
export function streamTopType(type: Type, ctx: PartialContext): string {
  // Stream attributes on the return type itself do not change it (spec §1.3).
  const attrs = type.attrs?.constraints ? { constraints: type.attrs.constraints } : {};
  return partialShape({ ...type, attrs }, ctx, true).ts;
}
