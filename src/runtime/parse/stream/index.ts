// Streaming partials: one parser per streamed answer.

export { shareStructure } from './share-structure.js';
export {
  createStreamParser,
  onStrictPath,
  type StreamParser,
  type StreamParserOptions,
  UNCHANGED,
} from './stream-parser.js';
