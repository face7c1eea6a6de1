// The client side of `tsbaml serve`: typed calls and streams, and the `patch` protocol's operations.
export { applyPatch, diffPartial, type PatchOperation } from './partial-patch.js';
export { callServe, type ServeOptions, serveError, streamFromServe } from './serve-client.js';
