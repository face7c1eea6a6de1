// The small files of a generated client: index.ts, globals.ts, inlinedbaml.ts, config.ts and
// tracing.ts (type_builder.ts has its own emitter).
import { RUNTIME_GLOBAL } from './client-module.js';
import type { EmitContext } from './context.js';
import { HEADER } from './context.js';
import { Doc } from './doc.js';
import { stringLiteral } from './ts-names.js';

const ERRORS = [
  'BamlAbortError',
  'BamlClientError',
  'BamlClientFinishReasonError',
  'BamlClientHttpError',
  'BamlError',
  'BamlInvalidArgumentError',
  'BamlTimeoutError',
  'BamlValidationError',
  'isBamlError',
  'toBamlError',
];

/** The text of `index.ts`: the client's public surface. */
export function emitIndex(ctx: EmitContext): string {
  const sync = ctx.generator.defaultClientMode === 'sync';
  const doc = new Doc().lines(HEADER).line();
  doc.line('import { ThrowIfVersionMismatch } from "tsbaml"');
  doc.line();
  doc.line('// Fails at import when this client was generated for another BAML version.');
  doc.line(`ThrowIfVersionMismatch(${stringLiteral(ctx.version)})`);
  doc.line();
  // `b` is the client of the generator's default_client_mode (async unless it says sync).
  if (sync) {
    doc.line(`export { BamlAsyncClient } from "${ctx.local('async_client')}"`);
    doc.line(`export { b, BamlSyncClient } from "${ctx.local('sync_client')}"`);
  } else {
    doc.line(`export { b, BamlAsyncClient } from "${ctx.local('async_client')}"`);
    doc.line(`export { BamlSyncClient } from "${ctx.local('sync_client')}"`);
  }
  doc.line(`export * from "${ctx.local('types')}"`);
  doc.line(`export type { partial_types, StreamState } from "${ctx.local('partial_types')}"`);
  doc.line(`export * from "${ctx.local('tracing')}"`);
  doc.line(`export * from "${ctx.local('config')}"`);
  doc.line(`export { resetBamlEnvVars } from "${ctx.local('globals')}"`);
  // Not TypeBuilder (as in BAML): type_builder.ts loads the compiler front end for addBaml, and
  // only a client that imports it should pay for that.
  doc.line(`export { ${ERRORS.join(', ')} } from "tsbaml"`);
  doc.line(
    'export { BamlStream, ClientRegistry, Collector, Image, Audio, Pdf, Video } from "tsbaml"',
  );
  doc.line('export type { BamlCallOptions, FunctionLog, HTTPRequest } from "tsbaml"');
  return doc.toString();
}

/** The text of `globals.ts`: the runtime singleton every client shares. */
export function emitGlobals(ctx: EmitContext): string {
  const doc = new Doc().lines(HEADER).line();
  doc.line('import { BamlRuntime } from "tsbaml"');
  doc.line(`import { getBamlFiles, getBamlIr } from "${ctx.local('inlinedbaml')}"`);
  doc.line();
  doc.jsdoc('The runtime behind `b`. Use `b` (or `b.withOptions`) rather than this.');
  doc.line(`export const ${RUNTIME_GLOBAL} = new BamlRuntime(getBamlIr(), {`);
  doc.line('  sources: getBamlFiles(),');
  doc.line('})');
  doc.line();
  doc.line('export { resetBamlEnvVars } from "tsbaml"');
  return doc.toString();
}

/**
 * The text of `inlinedbaml.ts`: the `.baml` sources and the compiled program (IR) as JSON, so the
 * runtime never needs the compiler.
 */
export function emitInlinedBaml(
  ctx: EmitContext,
  sources: { path: string; text: string }[],
): string {
  const doc = new Doc().lines(HEADER).line();
  doc.line('import type { Program } from "tsbaml"');
  doc.line();
  doc.block('const fileMap: Record<string, string> = {', () => {
    for (const source of sources)
      doc.line(`${stringLiteral(source.path)}: ${stringLiteral(source.text)},`);
  });
  doc.line();
  doc.jsdoc('The .baml sources this client was generated from, by path relative to baml_src.');
  doc.line('export const getBamlFiles = (): Record<string, string> => fileMap');
  doc.line();
  // JSON.parse of a string literal: faster to load than an object literal of the same size, and
  // cheap for tsc to check however large the program is.
  doc.line(`const ir: Program = JSON.parse(${stringLiteral(JSON.stringify(ctx.program))})`);
  doc.line();
  doc.jsdoc('The compiled program the runtime executes.');
  doc.line('export const getBamlIr = (): Program => ir');
  return doc.toString();
}

/** The text of `config.ts`. */
export function emitConfig(): string {
  return `${HEADER}\n\nexport { getLogLevel, setLogJsonMode, setLogLevel } from "tsbaml"\n`;
}

/** The text of `tracing.ts`. */
export function emitTracing(): string {
  return `${HEADER}\n\nexport { flush, onLogEvent, setTags, traceAsync, traceSync } from "tsbaml"\n`;
}
