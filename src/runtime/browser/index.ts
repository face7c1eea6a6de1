// "tsbaml/browser": what client-side code needs from tsbaml without the runtime (no providers,
// no parser, no prompt engine): the error classes, reviving errors that crossed the wire, and
// reading a streaming server action's NDJSON. The generated React hooks import only this.
export * from '../errors/index.js';
export * from '../serve/index.js';
export { type ReadNdjsonOptions, readNdjsonStream } from './read-ndjson.js';
export { type BamlErrors, reviveBamlError } from './revive-error.js';
