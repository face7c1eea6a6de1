// The runtime package a generated `baml_client/` imports as "tsbaml".
// Web APIs only (fetch, streams, TextDecoder): it runs in Node, Bun, Deno, browsers and edge workers.
// It never imports the compiler.
import './client/default-engine.js'; // binds BamlRuntime to the real parser and LLM layer

export type * from '../ir/types.js';
export * from './client/index.js';
export * from './errors/index.js';
export { HTTPRequest, HTTPRequestBody } from './llm/http-request.js';
export * from './serve/index.js';
export * from './type-builder/index.js';
