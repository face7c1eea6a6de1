// parser.ts (b.parse / b.parseStream), async_request.ts and sync_request.ts (b.request /
// b.streamRequest): small classes with one typed method per function.
import {
  clientModuleText,
  emitRuntimeClass,
  MERGED_OPTIONS,
  OPTIONS_PARAM,
  tsbamlTypeImport,
} from './client-module.js';
import type { EmitContext } from './context.js';
import { Doc } from './doc.js';
import {
  argumentObject,
  parameterList,
  partialReturnType,
  returnType,
  signatureTypes,
  withOptions,
} from './signatures.js';

/** The text of `parser.ts`. */
export function emitParser(ctx: EmitContext): string {
  const types = signatureTypes(ctx);
  const functions = Object.values(ctx.program.functions);
  const body = new Doc();
  const params = '__baml_options__?: BamlParseOptions';
  emitRuntimeClass(
    body,
    'export class LlmResponseParser',
    '`b.parse.Fn(text)`: an LLM answer parsed into the final type, synchronously.',
    () => {
      for (const fn of functions) {
        body.line();
        const ret = returnType(fn, types);
        body.block(`${fn.name}(llmResponse: string, ${params}): ${ret} {`, () => {
          body.line(
            `return this.#runtime.parse<${ret}>(${JSON.stringify(fn.name)}, llmResponse, ${MERGED_OPTIONS})`,
          );
        });
      }
    },
  );
  emitRuntimeClass(
    body,
    'export class LlmStreamParser',
    '`b.parseStream.Fn(text)`: a partial LLM answer parsed into the partial type, synchronously.',
    () => {
      for (const fn of functions) {
        body.line();
        const ret = partialReturnType(fn, types);
        body.block(`${fn.name}(llmResponse: string, ${params}): ${ret} {`, () => {
          body.line(
            `return this.#runtime.parseStream<${ret}>(${JSON.stringify(fn.name)}, llmResponse, ${MERGED_OPTIONS})`,
          );
        });
      }
    },
  );
  return clientModuleText(ctx, body, [
    tsbamlTypeImport(['BamlCallOptions', 'BamlParseOptions', 'BamlRuntime']),
    'import { mergeCallOptions } from "tsbaml"',
  ]);
}

/** The text of `async_request.ts`. */
export function emitAsyncRequest(ctx: EmitContext): string {
  const types = signatureTypes(ctx);
  const functions = Object.values(ctx.program.functions);
  const body = new Doc();
  for (const [name, stream] of [
    ['AsyncHttpRequest', false],
    ['AsyncHttpStreamRequest', true],
  ] as const) {
    const comment = `\`b.${stream ? 'streamRequest' : 'request'}.Fn(…)\`: the provider HTTP request${stream ? ' (streaming)' : ''}, built but not sent.`;
    emitRuntimeClass(body, `export class ${name}`, comment, () => {
      for (const fn of functions) {
        body.line();
        const params = withOptions(parameterList(fn, types), OPTIONS_PARAM);
        body.block(`async ${fn.name}(${params}): Promise<HTTPRequest> {`, () => {
          body.line(
            `return this.#runtime.buildRequest(${JSON.stringify(fn.name)}, ${argumentObject(fn)}, ${MERGED_OPTIONS}, ${stream})`,
          );
        });
      }
    });
  }
  return clientModuleText(ctx, body, [
    tsbamlTypeImport(['BamlCallOptions', 'BamlRuntime', 'HTTPRequest'], types.final.media),
    'import { mergeCallOptions } from "tsbaml"',
  ]);
}

/** The text of `sync_request.ts`: building a request is asynchronous in tsbaml, so these throw. */
export function emitSyncRequest(ctx: EmitContext): string {
  const types = signatureTypes(ctx);
  const functions = Object.values(ctx.program.functions);
  const body = new Doc();
  for (const [name, stream] of [
    ['HttpRequest', false],
    ['HttpStreamRequest', true],
  ] as const) {
    const member = stream ? 'streamRequest' : 'request';
    emitRuntimeClass(
      body,
      `export class ${name}`,
      `\`b.${member}.Fn(…)\` on the sync client: not available (use the async client).`,
      () => {
        for (const fn of functions) {
          body.line();
          const params = withOptions(parameterList(fn, types), OPTIONS_PARAM);
          body.block(`${fn.name}(${params}): HTTPRequest {`, () => {
            body.line(
              `throw new BamlError("b.${member}.${fn.name}: building a request is asynchronous in tsbaml; use the async client and await it")`,
            );
          });
        }
      },
    );
  }
  return clientModuleText(ctx, body, [
    tsbamlTypeImport(['BamlCallOptions', 'BamlRuntime', 'HTTPRequest'], types.final.media),
    'import { BamlError } from "tsbaml"',
  ]);
}
