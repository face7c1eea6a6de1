import { readFileSync } from 'node:fs';
import { createParser } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { createLiveView } from '../../demo/live-view.js';
import { startReplayServer, tokenize } from '../../demo/replay-server.js';

/** The escape character that starts terminal control sequences. */
const ESC = String.fromCharCode(27);

const answer = readFileSync(new URL('../../demo/replay-answer.txt', import.meta.url), 'utf8');

describe('demo replay server', () => {
  it('tokenizes the answer losslessly into GPT-sized pieces', () => {
    const tokens = tokenize(answer);
    expect(tokens.join('')).toBe(answer);
    expect(tokens.length).toBeGreaterThan(answer.length / 6);
    expect(tokenize('a\r\nb\u00e9 c')).toEqual(['a', '\r\n', 'b', '\u00e9', ' c']);
  });

  it('streams OpenAI chat-completion chunks, then finish_reason stop, usage and [DONE]', async () => {
    const server = await startReplayServer({ answer, tokensPerSecond: 5000, firstTokenMs: 0 });
    try {
      const response = await fetch(`${server.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [] }),
      });
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const events: string[] = [];
      const parser = createParser({ onEvent: (event) => events.push(event.data) });
      parser.feed(await response.text());
      expect(events.at(-1)).toBe('[DONE]');
      const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
      expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '', refusal: null });
      expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
      const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
      expect(text).toBe(answer);
      expect(chunks.at(-2).choices[0].finish_reason).toBe('stop');
      expect(chunks.at(-1).usage.completion_tokens).toBe(tokenize(answer).length);
      expect(server.stats).toEqual({ requests: 1, open: 0 });
    } finally {
      await server.close();
    }
  });

  it('answers a non-streaming request with one chat.completion', async () => {
    const server = await startReplayServer({ answer });
    try {
      const response = await fetch(`${server.url}/chat/completions`, {
        method: 'POST',
        body: '{"stream":false}',
      });
      const body = await response.json();
      expect(body.object).toBe('chat.completion');
      expect(body.choices[0].message.content).toBe(answer);
    } finally {
      await server.close();
    }
  });
});

describe('demo live view', () => {
  const capture = (isTTY: boolean) => {
    const out = { text: '', isTTY, rows: 30, columns: 80, write: (s: string) => (out.text += s) };
    return out;
  };

  it('prints one plain line per distinct partial when not on a TTY', () => {
    const out = capture(false);
    const view = createLiveView(out, 'Fn');
    view.partial({ a: null });
    view.partial({ a: null });
    view.partial({ a: 'x' });
    view.final({ a: 'xy' });
    const lines = out.text.trim().split('\n');
    expect(lines[0]).toMatch(/^partial 1 \(\d+\.\ds\): \{"a":null\}$/);
    expect(lines[1]).toMatch(/^partial 2 .*\{"a":"x"\}$/);
    expect(lines[2]).toMatch(/^final/);
    expect(out.text).not.toContain('\x1b');
  });

  it('redraws in place on a TTY: moves the cursor up by the lines it drew', () => {
    const out = capture(true);
    const view = createLiveView(out, 'Fn');
    view.partial({ a: null });
    const afterFirst = out.text.length;
    view.partial({ a: 'x' });
    // header + 1 line of JSON were drawn, so the redraw goes up 2 lines and clears.
    expect(out.text.slice(afterFirst).startsWith(`${ESC}[2F${ESC}[0J`)).toBe(true);
    view.final({ a: 'xy' });
    expect(out.text).toContain('\x1b[?25h');
  });
});

describe('demo pretty layout', () => {
  it('keeps small objects on one line and expands the rest', async () => {
    const { pretty } = await import('../../demo/live-view.js');
    const value = {
      venue: 'ox_burger',
      items: [
        { name: 'Fries', quantity: 3 },
        { name: 'Shake', quantity: null },
      ],
    };
    const plain = pretty(value, 50).map((l) => l.replace(new RegExp(`${ESC}\\[\\d+m`, 'g'), ''));
    expect(plain).toEqual([
      '  {',
      '    "venue": "ox_burger",',
      '    "items": [',
      '      {"name": "Fries", "quantity": 3},',
      '      {"name": "Shake", "quantity": null}',
      '    ]',
      '  }',
    ]);
    expect(pretty({ a: 'null', b: null }, 80)[0]).toContain('"null"');
  });
});
