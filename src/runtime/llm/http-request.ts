// The HTTP request a provider call sends; also what `b.request.Fn()` returns.
// Printing it (toJSON, toString, Node's inspect) never shows API keys.

const SECRET_HEADERS = new Set([
  'authorization',
  'api-key',
  'x-api-key',
  'x-goog-api-key',
  'proxy-authorization',
]);
const REDACTED = '[REDACTED]';
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

let nextId = 0;

/** The body of an `HTTPRequest`. */
export class HTTPRequestBody {
  constructor(private readonly content: string) {}
  /** The body as sent. */
  text(): string {
    return this.content;
  }
  /** The body parsed as JSON. */
  json(): unknown {
    return JSON.parse(this.content);
  }
  /** The body as UTF-8 bytes. */
  raw(): Uint8Array {
    return new TextEncoder().encode(this.content);
  }
}

/**
 * A provider request, built but not necessarily sent.
 *
 * @example
 * const req = await buildRequest(options, undefined, { stream: true });
 * req.url; req.body.json();
 * String(req); // headers with keys shown as [REDACTED]
 */
export class HTTPRequest {
  readonly id: string;
  readonly body: HTTPRequestBody;
  /** Values that must never be printed (API keys), also scrubbed from the URL. */
  readonly #secrets: string[];

  constructor(
    readonly url: string,
    readonly method: string,
    readonly headers: Record<string, string>,
    body: string,
    secrets: (string | undefined)[] = [],
  ) {
    this.id = `req_${++nextId}`;
    this.body = new HTTPRequestBody(body);
    this.#secrets = secrets.filter((s): s is string => typeof s === 'string' && s.length > 0);
  }

  /** Replaces every secret in `text` (for error messages that quote the request). */
  redact(text: string): string {
    let out = text;
    for (const s of this.#secrets) out = out.split(s).join(REDACTED);
    return out;
  }

  /** Headers with credentials replaced by `[REDACTED]`. */
  redactedHeaders(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.headers)) {
      out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? REDACTED : this.redact(v);
    }
    return out;
  }

  toJSON(): {
    id: string;
    url: string;
    method: string;
    headers: Record<string, string>;
    body: unknown;
  } {
    let body: unknown;
    try {
      body = this.body.json();
    } catch {
      body = this.body.text();
    }
    return {
      id: this.id,
      url: this.redact(this.url),
      method: this.method,
      headers: this.redactedHeaders(),
      body,
    };
  }

  toString(): string {
    return `HTTPRequest ${JSON.stringify(this.toJSON(), null, 2)}`;
  }

  [INSPECT](): string {
    return this.toString();
  }
}
