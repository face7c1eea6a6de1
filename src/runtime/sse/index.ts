// Server-sent events over Web streams.
export {
  type EventSourceMessage,
  type ReadSseOptions,
  readSseEvents,
  SseIdleTimeoutError,
} from './read-sse-events.js';
