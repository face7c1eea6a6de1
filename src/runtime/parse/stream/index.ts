// Streaming partials: one parser per streamed answer.

export { sameVisibleValue } from './same-visible-value.js';
export { shareStructure } from './share-structure.js';
export { createStreamParser, type StreamParser, UNCHANGED } from './stream-parser.js';
