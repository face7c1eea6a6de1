// Media arguments on their way to each provider: the parts BAML renders, `media_url_handler`
// (send the URL, or fetch it on loopback and inline it as base64), media types sniffed from
// base64, and BAML's refusals.
import { describe, expect, it } from 'vitest';
import type { ClientDef } from '../../src/ir/types.js';
import { Audio, Image, Pdf, Video } from '../../src/runtime/client/media.js';
import { BamlClientHttpError, BamlError } from '../../src/runtime/errors/index.js';
import { buildRequest, callLlm } from '../../src/runtime/llm/index.js';
import { callProgram } from './call-program.js';
import type { Handler } from './loopback-server.js';
import { withLoopback } from './with-loopback.js';

const server = withLoopback();

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const PDF = new TextEncoder().encode('%PDF-1.4\n%fake\n');
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Serves `/files/*` as raw bytes; anything else gets `fallback`. */
function files(fallback?: Handler): Handler {
  return (req, res) => {
    if (req.url === '/files/cat.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      return void res.end(PNG);
    }
    if (req.url === '/files/report.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return void res.end(PDF);
    }
    if (fallback) return fallback(req, res);
    res.writeHead(404);
    res.end('no such file');
  };
}

type Kind = 'image' | 'audio' | 'pdf' | 'video';
function call(provider: string, kind: Kind, media: unknown, options: Record<string, unknown> = {}) {
  const c: ClientDef = {
    name: 'C',
    provider,
    options: {
      model: 'm',
      api_key: 'k',
      base_url: server.baseUrl,
      ...options,
    } as ClientDef['options'],
  };
  const program = callProgram([c], [], '{{ _.role("user") }}\nLook:\n{{ m }}\nthen answer.');
  program.functions.Extract!.params = [{ name: 'm', type: { kind: 'media', name: kind } }];
  return {
    program,
    functionName: 'Extract',
    clientName: 'C',
    env: {},
    args: { m: media },
    fetch,
  };
}
async function body(provider: string, kind: Kind, media: unknown, options = {}) {
  return (await buildRequest(call(provider, kind, media, options))).body.json() as any;
}

describe('media values', () => {
  it('Pdf.fromBase64 takes the data alone; every PDF is application/pdf', () => {
    expect(Pdf.fromBase64('JVBERi0x').toJSON()).toEqual({
      base64: 'JVBERi0x',
      media_type: 'application/pdf',
    });
    expect(Pdf.fromUrl('https://x/a.pdf').mediaType).toBe('application/pdf');
    expect(Image.fromBase64('image/png', 'iVBO').mediaType).toBe('image/png');
  });
});

describe('media parts per provider', () => {
  it('openai: trimmed text around image_url, input_audio (mpeg → mp3), file parts', async () => {
    const image = await body('openai', 'image', Image.fromUrl('https://x/cat.png'));
    expect(image.messages[0].content).toEqual([
      { type: 'text', text: 'Look:' },
      { type: 'image_url', image_url: { url: 'https://x/cat.png' } },
      { type: 'text', text: 'then answer.' },
    ]);
    const audio = await body('openai', 'audio', Audio.fromBase64('audio/mpeg', 'SUQz'));
    expect(audio.messages[0].content[1]).toEqual({
      type: 'input_audio',
      input_audio: { data: 'SUQz', format: 'mp3' },
    });
    const pdfUrl = await body('openai', 'pdf', Pdf.fromUrl('https://x/r.pdf'));
    expect(pdfUrl.messages[0].content[1]).toEqual({
      type: 'file',
      file: { type: 'input_file', file_url: 'https://x/r.pdf', filename: 'document.pdf' },
    });
  });

  it('anthropic: image source url/base64, document; refuses video', async () => {
    const image = await body('anthropic', 'image', Image.fromBase64('image/png', b64(PNG)));
    expect(image.messages[0].content[1]).toEqual({
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: b64(PNG) },
    });
    const e = await buildRequest(
      call('anthropic', 'video', Video.fromUrl('https://x/v.mp4')),
    ).catch((x) => x);
    expect(e).toBeInstanceOf(BamlError);
    expect(e.message).toContain('Video input is not yet supported by Anthropic');
  });

  it('openai-responses: input_image with detail auto, input_file; refuses video', async () => {
    const pdf = await body('openai-responses', 'pdf', Pdf.fromBase64(b64(PDF)));
    expect(pdf.input[0].content[1]).toEqual({
      type: 'input_file',
      file_data: `data:application/pdf;base64,${b64(PDF)}`,
      filename: 'document.pdf',
    });
    const e = await buildRequest(
      call('openai-responses', 'video', Video.fromUrl('https://x/v.mp4')),
    ).catch((x) => x);
    expect(e.message).toContain('video is not yet supported by OpenAI Responses API');
  });

  it('sniffs the media type of base64 given without one', async () => {
    const image = await body('openai', 'image', { base64: b64(PNG) });
    expect(image.messages[0].content[1].image_url.url).toBe(`data:image/png;base64,${b64(PNG)}`);
  });
});

describe('media_url_handler', () => {
  it('send_base64 fetches the URL and inlines it with the sniffed type', async () => {
    server.respond(files());
    const image = await body('openai', 'image', Image.fromUrl(`${server.baseUrl}/files/cat.png`), {
      media_url_handler: { image: 'send_base64' },
    });
    expect(image.messages[0].content[1]).toEqual({
      type: 'image_url',
      image_url: { url: `data:image/png;base64,${b64(PNG)}` },
    });
    expect(server.requests.map((r) => r.url)).toEqual(['/files/cat.png']);
  });

  it("uses each provider's defaults: anthropic inlines PDFs, google-ai images unless gs://", async () => {
    server.respond(files());
    const anthropic = await body(
      'anthropic',
      'pdf',
      Pdf.fromUrl(`${server.baseUrl}/files/report.pdf`),
    );
    expect(anthropic.messages[0].content[1]).toEqual({
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data: b64(PDF) },
    });
    const google = await body(
      'google-ai',
      'image',
      Image.fromUrl(`${server.baseUrl}/files/cat.png`),
    );
    expect(google.contents[0].parts[1]).toEqual({
      inline_data: { mime_type: 'image/png', data: b64(PNG) },
    });
    const gs = await body('google-ai', 'image', Image.fromUrl('gs://bucket/cat.png', 'image/png'));
    expect(gs.contents[0].parts[1]).toEqual({
      file_data: { file_uri: 'gs://bucket/cat.png', mime_type: 'image/png' },
    });
    const sendUrl = await body('anthropic', 'pdf', Pdf.fromUrl('https://x/r.pdf'), {
      media_url_handler: { pdf: 'send_url' },
    });
    expect(sendUrl.messages[0].content[1].source).toEqual({ type: 'url', url: 'https://x/r.pdf' });
    expect(server.requests.map((r) => r.url)).toEqual(['/files/report.pdf', '/files/cat.png']);
  });

  it('refuses a fetched file of another type, and a failed fetch (status 2 on a call)', async () => {
    server.respond(files());
    const wrong = await buildRequest(
      call('anthropic', 'pdf', Pdf.fromUrl(`${server.baseUrl}/files/cat.png`)),
    ).catch((x) => x);
    expect(wrong).toBeInstanceOf(BamlError);
    expect(wrong.message).toContain(
      "Requested media of MIME type 'application/pdf' but fetched 'image/png'",
    );
    const missing = await callLlm(
      call('anthropic', 'pdf', Pdf.fromUrl(`${server.baseUrl}/files/gone.pdf`)),
    ).catch((x) => x);
    expect(missing).toBeInstanceOf(BamlClientHttpError);
    expect(missing.status_code).toBe(2);
    expect(missing.message).toContain('Failed to fetch media: 404');
  });
});
