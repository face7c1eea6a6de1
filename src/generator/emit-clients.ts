// async_client.ts and sync_client.ts: `b.Fn`, `b.stream.Fn` and `b.withOptions`, each a thin
// typed wrapper over `BamlRuntime` (all behaviour lives in the runtime, where it is tested once).
import type { FunctionDef } from '../ir/types.js';
import {
  clientModuleText,
  emitRuntimeClass,
  MERGED_OPTIONS,
  OPTIONS_PARAM,
  RUNTIME_GLOBAL,
  siblingImport,
  tsbamlTypeImport,
} from './client-module.js';
import type { EmitContext } from './context.js';
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
        `async ${fn.name}(${withOptions(parameterList(fn, types), OPTIONS_PARAM)}): Promise<${ret}> {`,
        () => {
          body.line(
            `return this.#runtime.call<${ret}>(${JSON.stringify(fn.name)}, ${argumentObject(fn)}, ${MERGED_OPTIONS})`,
          );
        },
      );
    }
  });
  body.line();
  emitStreamClient(body, functions, types);
  body.jsdoc(
    'The client, with no default options. `b.withOptions({...})` makes a configured copy.',
  );
  body.line(`export const b = new BamlAsyncClient(${RUNTIME_GLOBAL})`);

  return clientModuleText(
    ctx,
    body,
    [
      tsbamlTypeImport(['BamlCallOptions', 'BamlRuntime', 'BamlStream'], types.final.media),
      'import { mergeCallOptions } from "tsbaml"',
    ],
    [
      siblingImport(ctx, 'AsyncHttpRequest, AsyncHttpStreamRequest', 'async_request'),
      siblingImport(ctx, RUNTIME_GLOBAL, 'globals'),
      siblingImport(ctx, 'LlmResponseParser, LlmStreamParser', 'parser'),
    ],
  );
}

function emitStreamClient(body: Doc, functions: FunctionDef[], types: SignatureTypes): void {
  const comment = '`b.stream.Fn(…)`: partial values as the LLM writes them, then the final value.';
  emitRuntimeClass(body, 'class BamlStreamClient', comment, () => {
    for (const fn of functions) {
      body.line();
      body.jsdoc(fn.docs);
      const stream = `BamlStream<${partialReturnType(fn, types)}, ${returnType(fn, types)}>`;
      body.block(
        `${fn.name}(${withOptions(parameterList(fn, types), OPTIONS_PARAM)}): ${stream} {`,
        () => {
          body.line(
            `return this.#runtime.stream(${JSON.stringify(fn.name)}, ${argumentObject(fn)}, ${MERGED_OPTIONS})`,
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
      const params = withOptions(parameterList(fn, types), OPTIONS_PARAM);
      body.block(`${fn.name}(${params}): ${returnType(fn, types)} {`, () => {
        body.line(`return syncCallUnsupported(${JSON.stringify(fn.name)})`);
      });
    }
  });
  body.line();
  body.line(`export const b = new BamlSyncClient(${RUNTIME_GLOBAL})`);

  return clientModuleText(
    ctx,
    body,
    [
      tsbamlTypeImport(['BamlCallOptions', 'BamlRuntime'], types.final.media),
      'import { BamlError, mergeCallOptions } from "tsbaml"',
    ],
    [
      siblingImport(ctx, RUNTIME_GLOBAL, 'globals'),
      siblingImport(ctx, 'LlmResponseParser, LlmStreamParser', 'parser'),
      siblingImport(ctx, 'HttpRequest, HttpStreamRequest', 'sync_request'),
    ],
  );
}
