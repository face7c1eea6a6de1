// The pieces of a generated method: its parameters, argument object and result types.
import { acceptsNull } from '../ir/type-queries.js';
import type { FunctionDef } from '../ir/types.js';
import type { EmitContext } from './context.js';
import { finalType, type TypeContext } from './final-types.js';
import { type PartialContext, streamTopType } from './partial-types.js';
import { localName, propertyKey } from './ts-names.js';

/** Media names the client files use in signatures (imported from "tsbaml"). */
export interface SignatureTypes {
  final: TypeContext;
  partial: PartialContext;
}

export function signatureTypes(ctx: EmitContext): SignatureTypes {
  const media = new Set<string>();
  return {
    final: { program: ctx.program, prefix: 'types.', media },
    partial: {
      program: ctx.program,
      partialPrefix: 'partial_types.',
      finalPrefix: 'types.',
      media,
    },
  };
}

/**
 * `text: string, y?: types.Color | null`. A parameter is `?` only when every parameter after it
 * is optional too (TypeScript forbids a required parameter after an optional one).
 */
export function parameterList(fn: FunctionDef, types: SignatureTypes): string {
  const optional = fn.params.map((p) => acceptsNull(p.type));
  return fn.params
    .map((p, i) => {
      const trailing = optional.slice(i).every(Boolean);
      const ts = finalType(p.type, types.final);
      const name = localName(p.name);
      if (optional[i] && !trailing) return `${name}: ${ts} | undefined`;
      return `${name}${trailing ? '?' : ''}: ${ts}`;
    })
    .join(', ');
}

/** `{ text, y }`: the arguments by name, as the runtime takes them. */
export function argumentObject(fn: FunctionDef): string {
  if (fn.params.length === 0) return '{}';
  const entries = fn.params.map((p) => {
    const local = localName(p.name);
    return local === p.name ? local : `${propertyKey(p.name)}: ${local}`;
  });
  return `{ ${entries.join(', ')} }`;
}

/** The final value's type. */
export function returnType(fn: FunctionDef, types: SignatureTypes): string {
  return finalType(fn.returnType, types.final);
}

/** The partial value's type (what `b.stream.Fn` yields). */
export function partialReturnType(fn: FunctionDef, types: SignatureTypes): string {
  return streamTopType(fn.returnType, types.partial);
}

/** `, ` between the parameters and the options parameter, when there are parameters. */
export const withOptions = (params: string, options: string): string =>
  params ? `${params}, ${options}` : options;
