// In-band markers that a rendered template uses to say "a new message starts here" (`_.role`)
// and "a media part goes here" (image/audio/pdf/video arguments). Jinja can only produce text,
// so, like BAML, we print an unlikely delimiter carrying a small JSON header and split on it
// afterwards (see split-messages.ts).

/** A media value as it travels inside a prompt. */
export interface MediaValue {
  url?: string | undefined;
  base64?: string | undefined;
  mediaType?: string | undefined;
}

export const ROLE_MARKER_START = '\u0000__tsbaml_role__';
export const MEDIA_MARKER_START = '\u0000__tsbaml_media__';
export const MARKER_END = '__tsbaml_end__\u0000';

/** Header of a `_.role(...)` marker. */
export interface RoleHeader {
  role: string;
  meta?: Record<string, unknown>;
  /** `_.role(…, __baml_allow_dupe_role__=true)`: not merged into a previous message of its role. */
  allowDuplicateRole?: boolean;
}

export function roleMarker(header: RoleHeader): string {
  return `${ROLE_MARKER_START}${JSON.stringify(header)}${MARKER_END}`;
}

export function mediaMarker(media: MediaValue & { kind: string }): string {
  return `${MEDIA_MARKER_START}${JSON.stringify(media)}${MARKER_END}`;
}
