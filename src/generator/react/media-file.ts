// react/media.ts: browser-side media values for hook arguments, with BAML's API (spec
// react-generator §3.6). A value travels to the server action as its `toJSON()` form
// (`{url}` or `{base64, media_type}`), which the runtime accepts where a media parameter is.

const KINDS = ['Image', 'Audio', 'Video', 'Pdf'] as const;

function mediaClass(kind: (typeof KINDS)[number]): string {
  const cls = `Baml${kind}`;
  return `export class ${cls} {
  private constructor(
    private readonly type: 'url' | 'base64',
    private readonly content: string,
    private readonly mediaType?: string,
  ) {}

  static fromUrl(url: string, mediaType?: string): ${cls} {
    return new ${cls}('url', url, mediaType)
  }

  static fromBase64(mediaType: string, base64: string): ${cls} {
    return new ${cls}('base64', base64, mediaType)
  }

  static async fromFile(file: File): Promise<${cls}> {
    return ${cls}.fromBlob(file, file.type)
  }

  static async fromBlob(blob: Blob, mediaType?: string): Promise<${cls}> {
    const [base64, type] = await readBase64(blob)
    return new ${cls}('base64', base64, mediaType ?? type)
  }

  static async fromUrlToBase64(url: string): Promise<${cls}> {
    const response = await fetch(url)
    return ${cls}.fromBlob(await response.blob())
  }

  isUrl(): boolean {
    return this.type === 'url'
  }

  asUrl(): string {
    if (this.type !== 'url') throw new Error('${kind} is not a URL')
    return this.content
  }

  asBase64(): [string, string] {
    if (this.type !== 'base64') throw new Error('${kind} is not base64')
    return [this.content, this.mediaType ?? '']
  }

  toJSON(): { url: string } | { base64: string; media_type: string } {
    return this.type === 'url'
      ? { url: this.content }
      : { base64: this.content, media_type: this.mediaType ?? '' }
  }
}
`;
}

/** The text of react/media.ts (after the header). */
export function mediaFileBody(): string {
  const exports = KINDS.map(
    (kind) => `export const ${kind} = browserOnly(Baml${kind}, '${kind}')
export type ${kind} = Baml${kind}`,
  );
  return `/** Reads a blob as base64 (without the data: prefix) and its media type. */
async function readBase64(blob: Blob): Promise<[string, string]> {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return [btoa(binary), blob.type]
}

/** Warns when a browser media class is used where there is no browser (a server component). */
function browserOnly<T extends object>(target: T, name: string): T {
  return new Proxy(target, {
    get(t, p, r) {
      if ((globalThis as { window?: unknown }).window === undefined)
        console.warn(\`\${name} from react/media is for client components; on the server use \${name} from "tsbaml"\`)
      return Reflect.get(t, p, r)
    },
  })
}

${KINDS.map(mediaClass).join('\n')}
${exports.join('\n\n')}
`;
}
