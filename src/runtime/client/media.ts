// Media inputs (`image`, `audio`, `pdf`, `video` parameters). Plain data: the LLM layer turns
// them into provider-specific content parts.

/** Where a media value's bytes come from. */
export type MediaSource =
  | { url: string; mediaType?: string }
  | { base64: string; mediaType: string };

abstract class BamlMedia {
  readonly source: MediaSource;
  protected constructor(source: MediaSource) {
    this.source = source;
  }
  /** The URL, for media made with `fromUrl`. */
  get url(): string | undefined {
    return 'url' in this.source ? this.source.url : undefined;
  }
  /** The base64 data, for media made with `fromBase64`. */
  get base64(): string | undefined {
    return 'base64' in this.source ? this.source.base64 : undefined;
  }
  /** The MIME type, when known. */
  get mediaType(): string | undefined {
    return this.source.mediaType;
  }
  toJSON(): Record<string, string> {
    const out: Record<string, string> = {};
    if (this.url !== undefined) out.url = this.url;
    if (this.base64 !== undefined) out.base64 = this.base64;
    if (this.mediaType !== undefined) out.media_type = this.mediaType;
    return out;
  }
}

const PDF_TYPE = 'application/pdf';

const fromUrl = (url: string, mediaType?: string): MediaSource =>
  mediaType === undefined ? { url } : { url, mediaType };

/** An image input. @example Image.fromUrl('https://…/cat.png') */
export class Image extends BamlMedia {
  static fromUrl(url: string, mediaType?: string): Image {
    return new Image(fromUrl(url, mediaType));
  }
  static fromBase64(mediaType: string, base64: string): Image {
    return new Image({ base64, mediaType });
  }
}

/** An audio input. */
export class Audio extends BamlMedia {
  static fromUrl(url: string, mediaType?: string): Audio {
    return new Audio(fromUrl(url, mediaType));
  }
  static fromBase64(mediaType: string, base64: string): Audio {
    return new Audio({ base64, mediaType });
  }
}

/**
 * A PDF input. Its media type is always `application/pdf` (as in BAML), so `fromBase64` also
 * takes the data alone: `Pdf.fromBase64(data)`.
 */
export class Pdf extends BamlMedia {
  static fromUrl(url: string, mediaType = PDF_TYPE): Pdf {
    return new Pdf({ url, mediaType });
  }
  static fromBase64(mediaTypeOrBase64: string, base64?: string): Pdf {
    return base64 === undefined
      ? new Pdf({ base64: mediaTypeOrBase64, mediaType: PDF_TYPE })
      : new Pdf({ base64, mediaType: mediaTypeOrBase64 });
  }
}

/** A video input. */
export class Video extends BamlMedia {
  static fromUrl(url: string, mediaType?: string): Video {
    return new Video(fromUrl(url, mediaType));
  }
  static fromBase64(mediaType: string, base64: string): Video {
    return new Video({ base64, mediaType });
  }
}
