// What every provider's stream decoder keeps while events arrive: whether the answer ended, the
// finish reason, the model and the latest usage. Providers differ only in how an event updates
// these, so each subclass writes `push` and nothing else.

import type { EventSourceMessage } from '../../sse/index.js';
import { parseJsonPayload } from '../llm-errors.js';
import type { LlmUsage } from '../types.js';
import type { ProviderAnswer, StreamDecoder } from './provider.js';

/**
 * Base of the provider stream decoders.
 *
 * @example
 * class EchoDecoder extends ProviderStreamDecoder {
 *   push(event: EventSourceMessage): string {
 *     return String(this.parseEvent(event.data).text ?? '');
 *   }
 * }
 */
export abstract class ProviderStreamDecoder implements StreamDecoder {
  finished = false;
  protected finishReason: string | null = null;
  protected model: string | null = null;
  protected usage: LlmUsage = { inputTokens: null, outputTokens: null, cachedInputTokens: null };

  constructor(protected readonly clientName: string) {}

  abstract push(event: EventSourceMessage): string;

  /** The event's data as a JSON object; data that is not JSON fails the attempt. */
  protected parseEvent(data: string): Record<string, any> {
    return parseJsonPayload(this.clientName, data, 'stream event') as Record<string, any>;
  }

  get ended(): boolean {
    return this.finished;
  }

  summary(): Omit<ProviderAnswer, 'text'> {
    return { finishReason: this.finishReason, usage: this.usage, model: this.model };
  }
}
