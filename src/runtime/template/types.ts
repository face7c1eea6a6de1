/** What a prompt can see of the call: `ctx.client` and `ctx.tags`. */
export interface PromptContext {
  client: { name: string; provider: string };
  tags: Record<string, string>;
}

/**
 * One part of a chat message. `meta` holds the extra keyword arguments of the `_.role(...)` that
 * started its segment (BAML keeps them per part, so they survive merged messages).
 */
export type MessagePart = (
  | { type: 'text'; text: string }
  | {
      type: 'media';
      media: {
        kind: 'image' | 'audio' | 'pdf' | 'video';
        url?: string;
        base64?: string;
        mediaType?: string;
      };
    }
) & { meta?: Record<string, unknown> };

/**
 * A message after `_.role(...)` splitting. `meta` holds the extra keyword arguments of the
 * `_.role` that started it; `allowDuplicateRole` keeps it apart from a previous message of the
 * same role.
 */
export interface ChatMessage {
  role: string;
  parts: MessagePart[];
  meta?: Record<string, unknown>;
  allowDuplicateRole?: boolean;
}

/**
 * A rendered prompt: chat messages when the template used `_.role`, otherwise a single
 * completion string (which chat clients send as one message with their default role).
 */
export type RenderedPrompt =
  | { kind: 'chat'; messages: ChatMessage[] }
  | { kind: 'completion'; text: string };
