// Server-sent events over Web streams.
export {
  type EventSourceMessage,
  type ReadSseOptions,
  readSseEvents,
  readWithTimeout,
  SseIdleTimeoutError,
} from './read-sse-events.js';
