// Splits rendered template text on the role and media markers (spec §2.1 step 6).

import {
  MARKER_END,
  MEDIA_MARKER_START,
  type MediaValue,
  ROLE_MARKER_START,
  type RoleHeader,
} from './markers.js';
import type { ChatMessage, MessagePart, RenderedPrompt } from './types.js';

type MediaKind = 'image' | 'audio' | 'pdf' | 'video';

function parseParts(text: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let rest = text;
  for (;;) {
    const start = rest.indexOf(MEDIA_MARKER_START);
    if (start < 0) break;
    const end = rest.indexOf(MARKER_END, start);
    if (end < 0) break;
    const before = rest.slice(0, start);
    if (before.trim() !== '') parts.push({ type: 'text', text: before });
    const media = JSON.parse(rest.slice(start + MEDIA_MARKER_START.length, end)) as MediaValue & {
      kind: MediaKind;
    };
    const clean: Extract<MessagePart, { type: 'media' }>['media'] = { kind: media.kind };
    if (media.url !== undefined) clean.url = media.url;
    if (media.base64 !== undefined) clean.base64 = media.base64;
    if (media.mediaType !== undefined) clean.mediaType = media.mediaType;
    parts.push({ type: 'media', media: clean });
    rest = rest.slice(end + MARKER_END.length);
  }
  if (rest.trim() !== '' || parts.length === 0) parts.push({ type: 'text', text: rest });
  // Like BAML, every text part is trimmed: the text on either side of a media part loses the
  // line breaks around the media marker.
  for (const p of parts) if (p.type === 'text') p.text = p.text.trim();
  return parts.filter((p) => p.type !== 'text' || p.text !== '');
}

/**
 * Turns rendered text into a prompt. Without any role marker the result is a completion
 * string (unless it contains media, which needs a message); otherwise one message per marker,
 * dropping empty chunks. `defaultRole` fills in text before the first marker and replaces roles
 * outside `allowedRoles`.
 */
export function splitMessages(
  text: string,
  defaultRole: string,
  allowedRoles?: readonly string[],
): RenderedPrompt {
  if (!text.includes(ROLE_MARKER_START)) {
    // A plain completion is not trimmed again: the template already was (BAML sends `extract\n`).
    if (!text.includes(MEDIA_MARKER_START)) return { kind: 'completion', text };
    return { kind: 'chat', messages: [{ role: defaultRole, parts: parseParts(text) }] };
  }
  const messages: ChatMessage[] = [];
  let header: RoleHeader = { role: defaultRole };
  let rest = text;
  const push = (chunk: string) => {
    const parts = parseParts(chunk);
    if (parts.length === 0) return;
    const role = allowedRoles && !allowedRoles.includes(header.role) ? defaultRole : header.role;
    const message: ChatMessage = { role, parts };
    if (header.meta && Object.keys(header.meta).length > 0) message.meta = header.meta;
    messages.push(message);
  };
  for (;;) {
    const start = rest.indexOf(ROLE_MARKER_START);
    if (start < 0) break;
    const end = rest.indexOf(MARKER_END, start);
    push(rest.slice(0, start));
    header = JSON.parse(rest.slice(start + ROLE_MARKER_START.length, end)) as RoleHeader;
    rest = rest.slice(end + MARKER_END.length);
  }
  push(rest);
  return { kind: 'chat', messages };
}

/** The prompt as plain text, for error messages (`system: …`), media shown as placeholders. */
export function promptToText(prompt: RenderedPrompt): string {
  if (prompt.kind === 'completion') return prompt.text;
  return prompt.messages
    .map(
      (m) =>
        `${m.role}: ${m.parts
          .map((p) =>
            p.type === 'text'
              ? p.text
              : `<${p.media.kind}: ${p.media.url ?? p.media.mediaType ?? 'base64'}>`,
          )
          .join('')}`,
    )
    .join('\n');
}
