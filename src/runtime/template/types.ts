/** What a prompt can see of the call: `ctx.client` and `ctx.tags`. */
export interface PromptContext {
  client: { name: string; provider: string };
  tags: Record<string, string>;
}

/** One part of a chat message. */
export type MessagePart =
  | { type: 'text'; text: string }
  | {
      type: 'media';
      media: {
        kind: 'image' | 'audio' | 'pdf' | 'video';
        url?: string;
        base64?: string;
        mediaType?: string;
      };
    };

/** A message after `_.role(...)` splitting. `meta` holds the extra keyword arguments of `_.role`. */
export interface ChatMessage {
  role: string;
  parts: MessagePart[];
  meta?: Record<string, unknown>;
}

/**
 * A rendered prompt: chat messages when the template used `_.role`, otherwise a single
 * completion string (which chat clients send as one message with their default role).
 */
export type RenderedPrompt =
  | { kind: 'chat'; messages: ChatMessage[] }
  | { kind: 'completion'; text: string };
