// parser.ts (b.parse / b.parseStream), async_request.ts and sync_request.ts (b.request /
// b.streamRequest): small classes with one typed method per function.
import type { EmitContext } from './context.js';
import { HEADER } from './context.js';
import { Doc } from './doc.js';
import { typeImports } from './emit-clients.js';
import {
  argumentObject,
  parameterList,
  partialReturnType,
  returnType,
  signatureTypes,
  withOptions,
} from './signatures.js';

/** A class holding the runtime and default options, with one method per function. */
function emitClass(
  doc: Doc,
  name: string,
  comment: string,
  optionsType: string,
  methods: () => void,
): void {
  doc.jsdoc(comment);
  doc.block(`export class ${name} {`, () => {
    doc.line('readonly #runtime: BamlRuntime');
    doc.line(`readonly #options: ${optionsType} | undefined`);
    doc.line();
    doc.block(`constructor(runtime: BamlRuntime, options?: ${optionsType}) {`, () => {
      doc.line('this.#runtime = runtime');
      doc.line('this.#options = options');
    });
    methods();
  });
  doc.line();
}

/** The text of `parser.ts`. */
export function emitParser(ctx: EmitContext): string {
  const types = signatureTypes(ctx);
  const functions = Object.values(ctx.program.functions);
  const body = new Doc();
  const merged = 'mergeCallOptions(this.#options, __baml_options__)';
  const params = '__baml_options__?: BamlParseOptions';
  emitClass(
    body,
    'LlmResponseParser',
    '`b.parse.Fn(text)`: an LLM answer parsed into the final type, synchronously.',
    'BamlCallOptions',
    () => {
      for (const fn of functions) {
        body.line();
        const ret = returnType(fn, types);
        body.block(`${fn.name}(llmResponse: string, ${params}): ${ret} {`, () => {
          body.line(
            `return this.#runtime.parse<${ret}>(${JSON.stringify(fn.name)}, llmResponse, ${merged})`,
          );
        });
      }
    },
  );
  emitClass(
    body,
    'LlmStreamParser',
    '`b.parseStream.Fn(text)`: a partial LLM answer parsed into the partial type, synchronously.',
    'BamlCallOptions',
    () => {
      for (const fn of functions) {
        body.line();
        const ret = partialReturnType(fn, types);
        body.block(`${fn.name}(llmResponse: string, ${params}): ${ret} {`, () => {
          body.line(
            `return this.#runtime.parseStream<${ret}>(${JSON.stringify(fn.name)}, llmResponse, ${merged})`,
          );
        });
      }
    },
  );
  const doc = new Doc().lines(HEADER).line();
  doc.line('import type { BamlCallOptions, BamlParseOptions, BamlRuntime } from "tsbaml"');
  doc.line('import { mergeCallOptions } from "tsbaml"');
  typeImports(doc, ctx, body.toString());
  doc.line();
  return `${doc.toString()}\n${body.toString()}`;
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
    emitClass(body, name, comment, 'BamlCallOptions', () => {
      for (const fn of functions) {
        body.line();
        const params = withOptions(parameterList(fn, types), '__baml_options__?: BamlCallOptions');
        body.block(`async ${fn.name}(${params}): Promise<HTTPRequest> {`, () => {
          body.line(
            `return this.#runtime.buildRequest(${JSON.stringify(fn.name)}, ${argumentObject(fn)}, mergeCallOptions(this.#options, __baml_options__), ${stream})`,
          );
        });
      }
    });
  }
  const doc = new Doc().lines(HEADER).line();
  const media = [...types.final.media].sort();
  doc.line(
    `import type { ${['BamlCallOptions', 'BamlRuntime', 'HTTPRequest', ...media].join(', ')} } from "tsbaml"`,
  );
  doc.line('import { mergeCallOptions } from "tsbaml"');
  typeImports(doc, ctx, body.toString());
  doc.line();
  return `${doc.toString()}\n${body.toString()}`;
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
    emitClass(
      body,
      name,
      `\`b.${member}.Fn(…)\` on the sync client: not available (use the async client).`,
      'BamlCallOptions',
      () => {
        for (const fn of functions) {
          body.line();
          const params = withOptions(
            parameterList(fn, types),
            '__baml_options__?: BamlCallOptions',
          );
          body.block(`${fn.name}(${params}): HTTPRequest {`, () => {
            body.line(
              `throw new BamlError("b.${member}.${fn.name}: building a request is asynchronous in tsbaml; use the async client and await it")`,
            );
          });
        }
      },
    );
  }
  const doc = new Doc().lines(HEADER).line();
  const media = [...types.final.media].sort();
  doc.line(
    `import type { ${['BamlCallOptions', 'BamlRuntime', 'HTTPRequest', ...media].join(', ')} } from "tsbaml"`,
  );
  doc.line('import { BamlError } from "tsbaml"');
  typeImports(doc, ctx, body.toString());
  doc.line();
  return `${doc.toString()}\n${body.toString()}`;
}
