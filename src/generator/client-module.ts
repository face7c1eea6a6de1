// What the five files holding client classes share (async_client, sync_client, parser,
// async_request, sync_request): the options parameter their methods end with, the class that
// holds the runtime and default options, and the layout of the file around them.
import type { EmitContext } from './context.js';
import { HEADER } from './context.js';
import { Doc } from './doc.js';

/** The runtime singleton that `globals.ts` exports and both clients are built on. */
export const RUNTIME_GLOBAL = 'DO_NOT_USE_DIRECTLY_UNLESS_YOU_KNOW_WHAT_YOURE_DOING_RUNTIME';

/** The last parameter of a generated method that calls the runtime. */
export const OPTIONS_PARAM = '__baml_options__?: BamlCallOptions';

/** What such a method passes on: the client's default options under the call's own. */
export const MERGED_OPTIONS = 'mergeCallOptions(this.#options, __baml_options__)';

/**
 * Writes a class holding the runtime and default options, its methods written by `methods`,
 * followed by a blank line. `head` is `export class Name` or `class Name`.
 */
export function emitRuntimeClass(doc: Doc, head: string, comment: string, methods: () => void) {
  doc.jsdoc(comment);
  doc.block(`${head} {`, () => {
    doc.line('readonly #runtime: BamlRuntime');
    doc.line('readonly #options: BamlCallOptions | undefined');
    doc.line();
    doc.block('constructor(runtime: BamlRuntime, options?: BamlCallOptions) {', () => {
      doc.line('this.#runtime = runtime');
      doc.line('this.#options = options');
    });
    methods();
  });
  doc.line();
}

/** `import type { …names, …media } from "tsbaml"`, the media types sorted after the names. */
export function tsbamlTypeImport(names: string[], media: ReadonlySet<string> = new Set()): string {
  return `import type { ${[...names, ...[...media].sort()].join(', ')} } from "tsbaml"`;
}

/** `import { …names } from "./module"` (with `.js` for ESM clients). */
export function siblingImport(ctx: EmitContext, names: string, module: string): string {
  return `import { ${names} } from "${ctx.local(module)}"`;
}

/**
 * The text of a client file: the header, its imports from "tsbaml", `types` and
 * `partial_types` when the body uses them, its imports of sibling files, then the body.
 */
export function clientModuleText(
  ctx: EmitContext,
  body: Doc,
  tsbamlImports: string[],
  siblingImports: string[] = [],
): string {
  const text = body.toString();
  const doc = new Doc().lines(HEADER).line();
  for (const line of tsbamlImports) doc.line(line);
  if (/\btypes\./.test(text)) doc.line(`import type * as types from "${ctx.local('types')}"`);
  if (/\bpartial_types\./.test(text))
    doc.line(`import type { partial_types } from "${ctx.local('partial_types')}"`);
  for (const line of siblingImports) doc.line(line);
  doc.line();
  return `${doc.toString()}\n${text}`;
}
