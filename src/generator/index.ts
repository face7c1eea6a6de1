// The code generator: a compiled program (IR) → the files of a `baml_client/` folder, laid out
// like BAML's TypeScript generator (spec §5.1) and importing the runtime from "tsbaml".
// `generateClient` is pure (it returns the files); `writeClient` puts them on disk atomically.
import type { GeneratorDef, Program } from '../ir/types.js';
import type { EmitContext } from './context.js';
import { emitAsyncClient, emitSyncClient } from './emit-clients.js';
import { emitAsyncRequest, emitParser, emitSyncRequest } from './emit-parser-and-requests.js';
import { emitPartialTypes } from './emit-partial-types.js';
import {
  emitConfig,
  emitGlobals,
  emitIndex,
  emitInlinedBaml,
  emitTracing,
} from './emit-support-files.js';
import { emitTypeBuilder } from './emit-type-builder.js';
import { emitTypes } from './emit-types.js';
import { emitReactFiles } from './react/emit-react.js';

export { writeClient } from './write-client.js';

/** One generated file, by path relative to the output folder (`baml_client/`). */
export interface GeneratedFile {
  path: string;
  content: string;
}

/** The BAML version a client is generated for when the generator block names none. */
export const DEFAULT_VERSION = '0.226.2';

/**
 * Generates a TypeScript client for `program`.
 *
 * @param sources The `.baml` files (paths relative to `baml_src`), embedded in `inlinedbaml.ts`.
 * @param generator The `generator` block being honoured (`module_format`, `version`,
 *   `default_client_mode`).
 * @example
 * const { program } = compile(sources);
 * for (const g of program.generators.filter((g) => g.outputType === 'typescript'))
 *   await writeClient(generateClient(program, sources, g), join(bamlSrc, g.outputDir, 'baml_client'));
 */
export function generateClient(
  program: Program,
  sources: { path: string; text: string }[],
  generator: GeneratorDef,
): GeneratedFile[] {
  const esm = generator.moduleFormat === 'esm';
  const ctx: EmitContext = {
    program,
    generator,
    local: (module) => `./${module}${generator.importExtension ?? (esm ? '.js' : '')}`,
    version: generator.version ?? DEFAULT_VERSION,
  };
  const files: GeneratedFile[] = [
    { path: 'index.ts', content: emitIndex(ctx) },
    { path: 'types.ts', content: emitTypes(ctx) },
    { path: 'partial_types.ts', content: emitPartialTypes(ctx) },
    { path: 'async_client.ts', content: emitAsyncClient(ctx) },
    { path: 'sync_client.ts', content: emitSyncClient(ctx) },
    { path: 'async_request.ts', content: emitAsyncRequest(ctx) },
    { path: 'sync_request.ts', content: emitSyncRequest(ctx) },
    { path: 'parser.ts', content: emitParser(ctx) },
    { path: 'type_builder.ts', content: emitTypeBuilder(ctx) },
    { path: 'globals.ts', content: emitGlobals(ctx) },
    {
      path: 'inlinedbaml.ts',
      content: emitInlinedBaml(
        ctx,
        [...sources].sort((a, b) => a.path.localeCompare(b.path)),
      ),
    },
    { path: 'config.ts', content: emitConfig() },
    { path: 'tracing.ts', content: emitTracing() },
  ];
  if (generator.outputType === 'typescript/react') files.push(...emitReactFiles(ctx));
  return files;
}
