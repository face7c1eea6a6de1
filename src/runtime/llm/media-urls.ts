// Media parts on their way to a provider (BAML's `media_url_handler`): a URL is sent as is, or
// fetched and inlined as base64, depending on the provider's defaults and the client's options;
// base64 without a media type gets one sniffed from its first bytes.

import { BamlError } from '../errors/index.js';
import type { ChatMessage, MessagePart, RenderedPrompt } from '../template/types.js';
import type { ResolvedValue } from './config-value.js';
import type { MediaKind, MediaUrlMode } from './providers/provider.js';

type Media = Extract<MessagePart, { type: 'media' }>['media'];

const MODES = new Set<MediaUrlMode>([
  'send_url',
  'send_base64',
  'send_url_add_mime_type',
  'send_base64_unless_google_url',
]);

/** The provider's defaults overridden by `media_url_handler { image "send_base64" … }`. */
export function mediaUrlModes(
  defaults: Record<MediaKind, MediaUrlMode>,
  options: Record<string, ResolvedValue>,
): Record<MediaKind, MediaUrlMode> {
  const handler = options.media_url_handler;
  const out = { ...defaults };
  if (!handler || typeof handler !== 'object' || Array.isArray(handler)) return out;
  for (const kind of ['image', 'audio', 'pdf', 'video'] as const) {
    const v = handler[kind];
    if (typeof v === 'string' && MODES.has(v as MediaUrlMode)) out[kind] = v as MediaUrlMode;
  }
  return out;
}

/** Magic numbers of the media types providers take (BAML infers these with the `infer` crate). */
const SIGNATURES: { type: string; bytes: (number | null)[]; offset?: number }[] = [
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'image/webp', bytes: [0x57, 0x45, 0x42, 0x50], offset: 8 },
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46] },
  { type: 'audio/mpeg', bytes: [0x49, 0x44, 0x33] },
  { type: 'audio/mpeg', bytes: [0xff, 0xfb] },
  { type: 'audio/x-wav', bytes: [0x57, 0x41, 0x56, 0x45], offset: 8 },
  { type: 'audio/ogg', bytes: [0x4f, 0x67, 0x67, 0x53] },
  { type: 'audio/x-flac', bytes: [0x66, 0x4c, 0x61, 0x43] },
  { type: 'video/mp4', bytes: [0x66, 0x74, 0x79, 0x70], offset: 4 },
  { type: 'video/webm', bytes: [0x1a, 0x45, 0xdf, 0xa3] },
];

/**
 * The media type the bytes start with, if known.
 *
 * @example
 * sniffMediaType(new Uint8Array([0x25, 0x50, 0x44, 0x46])) // 'application/pdf'
 */
export function sniffMediaType(bytes: Uint8Array): string | undefined {
  for (const sig of SIGNATURES) {
    const at = sig.offset ?? 0;
    if (sig.bytes.every((b, i) => b === null || bytes[at + i] === b)) return sig.type;
  }
  return undefined;
}

function base64Head(base64: string): Uint8Array {
  try {
    const head = atob(base64.slice(0, 24).replace(/[^A-Za-z0-9+/]/g, ''));
    return Uint8Array.from(head, (c) => c.charCodeAt(0));
  } catch {
    return new Uint8Array();
  }
}

/** Base64 of `bytes`, in slices so large files do not overflow the argument limit. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** `data:<type>;base64,<data>` split in two, like BAML's `as_base64`. */
function parseDataUrl(url: string): { mediaType: string; base64: string } | undefined {
  if (!url.startsWith('data:')) return undefined;
  const at = url.indexOf(';base64,');
  if (at < 0) return undefined;
  return { mediaType: url.slice(5, at), base64: url.slice(at + 8) };
}

async function fetchAsBase64(
  media: Media,
  fetchFn: typeof fetch,
  signal: AbortSignal | undefined,
): Promise<Media> {
  const url = media.url as string;
  const inline = parseDataUrl(url);
  let base64: string;
  let sniffed: string;
  if (inline) {
    base64 = inline.base64;
    sniffed = inline.mediaType;
  } else {
    let response: Response;
    try {
      response = await fetchFn(url, signal ? { signal } : {});
    } catch (error) {
      throw new BamlError(
        `Failed to fetch media: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    if (!response.ok)
      throw new BamlError(
        `Failed to fetch media: ${response.status} ${url}, ${await response.text().catch(() => '')}`,
      );
    const bytes = new Uint8Array(await response.arrayBuffer());
    base64 = toBase64(bytes);
    sniffed = sniffMediaType(bytes) ?? 'application/octet-stream';
  }
  const expected = media.mediaType || (media.kind === 'pdf' ? 'application/pdf' : undefined);
  if (expected) {
    const mismatch = expected.includes('/') ? sniffed !== expected : !sniffed.startsWith(expected);
    if (mismatch)
      throw new BamlError(
        `Requested media of MIME type '${expected}' but fetched '${sniffed}' from URL ${url}. Please ensure the URL points to the correct file or update the mime_type in BAML.`,
      );
  }
  return { kind: media.kind, base64, mediaType: media.mediaType || sniffed };
}

async function resolveMedia(
  media: Media,
  modes: Record<MediaKind, MediaUrlMode>,
  fetchFn: typeof fetch,
  signal: AbortSignal | undefined,
): Promise<Media> {
  if (media.base64 !== undefined) {
    const inline = parseDataUrl(media.base64);
    if (inline) return { kind: media.kind, base64: inline.base64, mediaType: inline.mediaType };
    if (media.mediaType) return media;
    const sniffed = sniffMediaType(base64Head(media.base64));
    return sniffed ? { ...media, mediaType: sniffed } : media;
  }
  if (media.url === undefined) return media;
  const mode = modes[media.kind];
  if (mode === 'send_url') return media;
  if (mode === 'send_url_add_mime_type' && media.mediaType) return media;
  if (mode === 'send_base64_unless_google_url' && media.url.startsWith('gs://')) return media;
  return fetchAsBase64(media, fetchFn, signal);
}

/**
 * The prompt with every media part in the form the provider gets: URLs fetched and inlined
 * where the mode says so, media types filled in for base64 data.
 */
export async function resolvePromptMedia(
  prompt: RenderedPrompt,
  modes: Record<MediaKind, MediaUrlMode>,
  fetchFn: typeof fetch,
  signal?: AbortSignal,
): Promise<RenderedPrompt> {
  if (prompt.kind === 'completion') return prompt;
  if (!prompt.messages.some((m) => m.parts.some((p) => p.type === 'media'))) return prompt;
  const messages: ChatMessage[] = [];
  for (const m of prompt.messages) {
    const parts: MessagePart[] = [];
    for (const p of m.parts)
      parts.push(
        p.type === 'media'
          ? { type: 'media', media: await resolveMedia(p.media, modes, fetchFn, signal) }
          : p,
      );
    messages.push({ ...m, parts });
  }
  return { kind: 'chat', messages };
}
