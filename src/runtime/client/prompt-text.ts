import { promptToText, type RenderedPrompt } from '../template/index.js';

/**
 * A rendered prompt as one readable string, for error messages and `BamlValidationError.prompt`:
 * a completion prompt as is, chat messages as `role: content` lines (BAML's format).
 */
export function promptText(prompt: unknown): string {
  if (prompt === undefined || prompt === null) return '';
  if (typeof prompt === 'string') return prompt;
  const kind = (prompt as { kind?: unknown }).kind;
  if (kind === 'chat' || kind === 'completion') return promptToText(prompt as RenderedPrompt);
  const messages = Array.isArray(prompt)
    ? prompt
    : typeof prompt === 'object' && Array.isArray((prompt as { messages?: unknown }).messages)
      ? (prompt as { messages: unknown[] }).messages
      : null;
  if (!messages) return safeJson(prompt);
  return messages
    .map((m) => {
      const { role, content } = (m ?? {}) as { role?: unknown; content?: unknown };
      return `${String(role ?? 'user')}: ${contentText(content)}`;
    })
    .join('\n');
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) =>
        typeof part === 'string'
          ? part
          : typeof (part as { text?: unknown })?.text === 'string'
            ? (part as { text: string }).text
            : '<media>',
      )
      .join('');
  }
  return safeJson(content);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}
