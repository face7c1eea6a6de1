// async_client.ts and sync_client.ts: `b.Fn`, `b.stream.Fn` and `b.withOptions`, each a thin
// typed wrapper over `BamlRuntime` (all behaviour lives in the runtime, where it is tested once).
import type { FunctionDef } from '../ir/types.js';
import type { EmitContext } from './context.js';
import { HEADER } from './context.js';
import { Doc } from './doc.js';
import {
  argumentObject,
  parameterList,
  partialReturnType,
  returnType,
  type SignatureTypes,
  signatureTypes,
  withOptions,
} from './signatures.js';

const OPTIONS = '__baml_options__?: BamlCallOptions';
const MERGED = 'mergeCallOptions(this.#options, __baml_options__)';

/** `import type * as types` and `import type { partial_types }`, only when the body uses them. */
export function typeImports(doc: Doc, ctx: EmitContext, body: string): void {
  if (/\btypes\./.test(body)) doc.line(`import type * as types from "${ctx.local('types')}"`);
  if (/\bpartial_types\./.test(body))
    doc.line(`import type { partial_types } from "${ctx.local('partial_types')}"`);
}

/** The text of `async_client.ts`. */
export function emitAsyncClient(ctx: EmitContext): string {
  const functions = Object.values(ctx.program.functions);
  const types = signatureTypes(ctx);
  const body = new Doc();
  body.jsdoc('The typed client: one async method per BAML function.');
  body.block('export class BamlAsyncClient {', () => {
    body.line('readonly #runtime: BamlRuntime');
    body.line('readonly #options: BamlCallOptions | undefined');
    body.line('/** Streaming calls: `for await (const partial of b.stream.Fn(…))`. */');
    body.line('readonly stream: BamlStreamClient');
    body.line('/** The provider HTTP request of a call, built but not sent. */');
    body.line('readonly request: AsyncHttpRequest');
    body.line('/** The provider HTTP request of a streaming call, built but not sent. */');
    body.line('readonly streamRequest: AsyncHttpStreamRequest');
    body.line('/** Parses an LLM answer into the final type (synchronous). */');
    body.line('readonly parse: LlmResponseParser');
    body.line('/** Parses a partial LLM answer into the partial type (synchronous). */');
    body.line('readonly parseStream: LlmStreamParser');
    body.line();
    body.block('constructor(runtime: BamlRuntime, options?: BamlCallOptions) {', () => {
      body.line('this.#runtime = runtime');
      body.line('this.#options = options');
      body.line('this.stream = new BamlStreamClient(runtime, options)');
      body.line('this.request = new AsyncHttpRequest(runtime, options)');
      body.line('this.streamRequest = new AsyncHttpStreamRequest(runtime, options)');
      body.line('this.parse = new LlmResponseParser(runtime, options)');
      body.line('this.parseStream = new LlmStreamParser(runtime, options)');
    });
    body.line();
    body.jsdoc(
      'A client whose calls use these options by default (per-call options win; `env` and `tags` merge).',
    );
    body.block('withOptions(options: BamlCallOptions): BamlAsyncClient {', () => {
      body.line(
        'return new BamlAsyncClient(this.#runtime, mergeCallOptions(this.#options, options))',
      );
    });
    for (const fn of functions) {
      body.line();
      body.jsdoc(fn.docs);
      const ret = returnType(fn, types);
      body.block(
        `async ${fn.name}(${withOptions(parameterList(fn, types), OPTIONS)}): Promise<${ret}> {`,
        () => {
          body.line(
            `return this.#runtime.call<${ret}>(${JSON.stringify(fn.name)}, ${argumentObject(fn)}, ${MERGED})`,
          );
        },
      );
    }
  });
  body.line();
  emitStreamClient(body, functions, types);
  body.line();
  body.jsdoc(
    'The client, with no default options. `b.withOptions({...})` makes a configured copy.',
  );
  body.line(
    'export const b = new BamlAsyncClient(DO_NOT_USE_DIRECTLY_UNLESS_YOU_KNOW_WHAT_YOURE_DOING_RUNTIME)',
  );

  const doc = new Doc().lines(HEADER).line();
  const media = [...types.final.media].sort();
  doc.line(
    `import type { ${['BamlCallOptions', 'BamlRuntime', 'BamlStream', ...media].join(', ')} } from "tsbaml"`,
  );
  doc.line('import { mergeCallOptions } from "tsbaml"');
  typeImports(doc, ctx, body.toString());
  doc.line(
    `import { AsyncHttpRequest, AsyncHttpStreamRequest } from "${ctx.local('async_request')}"`,
  );
  doc.line(
    `import { DO_NOT_USE_DIRECTLY_UNLESS_YOU_KNOW_WHAT_YOURE_DOING_RUNTIME } from "${ctx.local('globals')}"`,
  );
  doc.line(`import { LlmResponseParser, LlmStreamParser } from "${ctx.local('parser')}"`);
  doc.line();
  return `${doc.toString()}\n${body.toString()}`;
}

function emitStreamClient(body: Doc, functions: FunctionDef[], types: SignatureTypes): void {
  body.jsdoc('`b.stream.Fn(…)`: partial values as the LLM writes them, then the final value.');
  body.block('class BamlStreamClient {', () => {
    body.line('readonly #runtime: BamlRuntime');
    body.line('readonly #options: BamlCallOptions | undefined');
    body.line();
    body.block('constructor(runtime: BamlRuntime, options?: BamlCallOptions) {', () => {
      body.line('this.#runtime = runtime');
      body.line('this.#options = options');
    });
    for (const fn of functions) {
      body.line();
      body.jsdoc(fn.docs);
      const stream = `BamlStream<${partialReturnType(fn, types)}, ${returnType(fn, types)}>`;
      body.block(
        `${fn.name}(${withOptions(parameterList(fn, types), OPTIONS)}): ${stream} {`,
        () => {
          body.line(
            `return this.#runtime.stream(${JSON.stringify(fn.name)}, ${argumentObject(fn)}, ${MERGED})`,
          );
        },
      );
    }
  });
}

/** The text of `sync_client.ts`: parsing works synchronously; LLM calls cannot in JavaScript. */
export function emitSyncClient(ctx: EmitContext): string {
  const functions = Object.values(ctx.program.functions);
  const types = signatureTypes(ctx);
  const body = new Doc();
  body.block('function syncCallUnsupported(name: string): never {', () => {
    body.line('throw new BamlError(');
    body.line(
      '  "b." + name + ": synchronous LLM calls are not possible in tsbaml (JavaScript has no blocking HTTP). " +',
    );
    body.line(
      '    "Use the async client (`b` from async_client) and await the call; b.parse and b.parseStream work here."',
    );
    body.line(')');
  });
  body.line();
  body.jsdoc(
    'The synchronous client. `parse` and `parseStream` work; calling an LLM synchronously is not\n' +
      'possible in JavaScript, so the function methods throw a `BamlError` that says so.',
  );
  body.block('export class BamlSyncClient {', () => {
    body.line('readonly #runtime: BamlRuntime');
    body.line('readonly #options: BamlCallOptions | undefined');
    body.line('/** Parses an LLM answer into the final type. */');
    body.line('readonly parse: LlmResponseParser');
    body.line('/** Parses a partial LLM answer into the partial type. */');
    body.line('readonly parseStream: LlmStreamParser');
    body.line('/** Building a request is asynchronous in tsbaml: its methods throw. */');
    body.line('readonly request: HttpRequest');
    body.line('/** Building a request is asynchronous in tsbaml: its methods throw. */');
    body.line('readonly streamRequest: HttpStreamRequest');
    body.line();
    body.block('constructor(runtime: BamlRuntime, options?: BamlCallOptions) {', () => {
      body.line('this.#runtime = runtime');
      body.line('this.#options = options');
      body.line('this.parse = new LlmResponseParser(runtime, options)');
      body.line('this.parseStream = new LlmStreamParser(runtime, options)');
      body.line('this.request = new HttpRequest(runtime, options)');
      body.line('this.streamRequest = new HttpStreamRequest(runtime, options)');
    });
    body.line();
    body.jsdoc('Streaming needs the async client.');
    body.block('get stream(): never {', () => {
      body.line(
        'throw new BamlError("b.stream is not available on the sync client: use the async client (`b` from async_client)")',
      );
    });
    body.line();
    body.block('withOptions(options: BamlCallOptions): BamlSyncClient {', () => {
      body.line(
        'if (options.onTick) throw new BamlError("onTick is not supported on the sync client")',
      );
      body.line(
        'return new BamlSyncClient(this.#runtime, mergeCallOptions(this.#options, options))',
      );
    });
    for (const fn of functions) {
      body.line();
      body.jsdoc(fn.docs);
      const params = withOptions(parameterList(fn, types), OPTIONS);
      body.block(`${fn.name}(${params}): ${returnType(fn, types)} {`, () => {
        body.line(`return syncCallUnsupported(${JSON.stringify(fn.name)})`);
      });
    }
  });
  body.line();
  body.line(
    'export const b = new BamlSyncClient(DO_NOT_USE_DIRECTLY_UNLESS_YOU_KNOW_WHAT_YOURE_DOING_RUNTIME)',
  );

  const doc = new Doc().lines(HEADER).line();
  const media = [...types.final.media].sort();
  doc.line(
    `import type { ${['BamlCallOptions', 'BamlRuntime', ...media].join(', ')} } from "tsbaml"`,
  );
  doc.line('import { BamlError, mergeCallOptions } from "tsbaml"');
  typeImports(doc, ctx, body.toString());
  doc.line(
    `import { DO_NOT_USE_DIRECTLY_UNLESS_YOU_KNOW_WHAT_YOURE_DOING_RUNTIME } from "${ctx.local('globals')}"`,
  );
  doc.line(`import { LlmResponseParser, LlmStreamParser } from "${ctx.local('parser')}"`);
  doc.line(`import { HttpRequest, HttpStreamRequest } from "${ctx.local('sync_request')}"`);
  doc.line();
  return `${doc.toString()}\n${body.toString()}`;
}
