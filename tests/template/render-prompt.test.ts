import { describe, expect, it } from 'vitest';
import type { FunctionDef, ParamDef, Program, Type } from '../../src/ir/types.js';
import { BamlError, BamlInvalidArgumentError } from '../../src/runtime/errors/index.js';
import { type PromptContext, renderPrompt } from '../../src/runtime/template/index.js';
import { makeProgram, t } from './program-fixture.js';

const ctx: PromptContext = {
  client: { name: 'Fake', provider: 'openai-generic' },
  tags: { team: 'core' },
};

function withFunction(
  prompt: string,
  params: ParamDef[],
  returnType: Type = t.string,
  extra: Partial<Program> = {},
) {
  const fn: FunctionDef = { name: 'Render', params, returnType, client: 'Fake', prompt };
  return makeProgram({ functions: { Render: fn }, ...extra });
}

function render(
  prompt: string,
  params: ParamDef[],
  args: Record<string, unknown>,
  returnType?: Type,
  extra?: Partial<Program>,
) {
  return renderPrompt(withFunction(prompt, params, returnType, extra), 'Render', args, ctx);
}

function text(
  prompt: string,
  params: ParamDef[],
  args: Record<string, unknown>,
  returnType?: Type,
  extra?: Partial<Program>,
) {
  const r = render(prompt, params, args, returnType, extra);
  if (r.kind !== 'completion') throw new Error('expected a completion prompt');
  return r.text;
}

const person = { name: 'p', type: t.class('Person') };

describe('renderPrompt (texts recorded from BAML 0.226.2)', () => {
  it('dedents, trims and appends output_format', () => {
    expect(
      text(
        '\n    {{ input }}\n    {{ ctx.output_format }}\n  ',
        [{ name: 'input', type: t.string }],
        { input: 'extract' },
        t.bool,
      ),
    ).toBe('extract\nAnswer as a bool');
  });

  it('prints a class as a pretty block keyed by aliases', () => {
    expect(
      text('\n    Person: {{ p }}\n    Name: {{ p.name }}\n  ', [person], {
        p: { name: 'Ann', age: 30, nick: null },
      }),
    ).toBe('Person: {\n    "name": "Ann",\n    "years": 30,\n    "nick": null,\n}\nName: Ann');
  });

  it('prints enums by alias and compares them with enum globals', () => {
    expect(
      text(
        'Color: {{ c }}\n{% if c == Rouge.RED %}is red{% endif %}',
        [{ name: 'c', type: t.enum('Rouge') }],
        { c: 'RED' },
      ),
    ).toBe('Color: rouge\nis red');
  });

  it('runs the standard filters', () => {
    const prompt =
      '{{ s|upper }} {{ s|lower }} {{ s|length }} {{ xs|join(", ") }} {{ xs|first }} {{ s|replace("o", "0") }}';
    expect(
      text(
        prompt,
        [
          { name: 's', type: t.string },
          { name: 'xs', type: t.list(t.string) },
        ],
        { s: 'Hello World', xs: ['a', 'b', 'c'] },
      ),
    ).toBe('HELLO WORLD hello world 11 a, b, c a Hell0 W0rld');
  });

  it('applies trim_blocks and lstrip_blocks with loop variables', () => {
    const prompt =
      '\n    Items:\n    {% for x in items %}\n    - {{ loop.index }}. {{ x }}\n    {% endfor %}\n    Total: {{ items|length }}\n  ';
    expect(
      text(prompt, [{ name: 'items', type: t.list(t.string) }], {
        items: ['apple', 'pear', 'fig'],
      }),
    ).toBe('Items:\n- 1. apple\n- 2. pear\n- 3. fig\nTotal: 3');
  });

  it('handles if / elif / else', () => {
    const prompt =
      '{% if n > 3 %}\nbig\n{% elif n == 3 %}\nthree\n{% else %}\nsmall\n{% endif %} {{ n }}';
    expect(text(prompt, [{ name: 'n', type: t.int }], { n: 3 })).toBe('three\n 3');
  });

  it('format(type="json") uses aliases; yaml too', () => {
    expect(
      text('{{ p|format(type="json") }}', [person], { p: { name: 'Ann', age: 30, nick: null } }),
    ).toBe('{"name":"Ann","years":30,"nick":null}');
    expect(
      text('{{ p|format(type="yaml") }}', [person], { p: { name: 'Ann', age: 30, nick: null } }),
    ).toBe('name: Ann\nyears: 30\nnick: null');
  });

  it('iterates maps with items and prints them Python-style', () => {
    expect(
      text(
        '{% for k, v in m|items %}{{ k }}={{ v }};{% endfor %} {{ m }}',
        [{ name: 'm', type: t.map(t.string, t.int) }],
        { m: { a: 1, b: 2 } },
      ),
    ).toBe('a=1;b=2; {"a": 1, "b": 2}');
  });

  it('prints lists, floats and a top-level null', () => {
    expect(
      text(
        '{{ xs }} {{ f }} {{ z }}',
        [
          { name: 'xs', type: t.list(t.int) },
          { name: 'f', type: t.float },
          { name: 'z', type: t.optional(t.string) },
        ],
        {
          xs: [1, 2],
          f: 2,
          z: null,
        },
      ),
    ).toBe('[1, 2] 2.0 null');
  });

  it('exposes template strings as macros', () => {
    const extra = {
      templateStrings: {
        Greet: { name: 'Greet', params: [person], template: '\n  Hello {{ p.name }}!\n' },
      },
    };
    expect(
      text(
        '{{ Greet(p) }}\nBye.',
        [person],
        { p: { name: 'Ann', age: 30, nick: null } },
        t.string,
        extra,
      ),
    ).toBe('Hello Ann!\nBye.');
  });

  it('splits _.role into chat messages and drops empty chunks', () => {
    const prompt =
      '\n    {{ _.role("system") }}\n    You extract.\n    {{ _.role("user") }}\n    {{ input }}\n    {{ ctx.output_format }}\n  ';
    expect(render(prompt, [{ name: 'input', type: t.string }], { input: 'extract' })).toEqual({
      kind: 'chat',
      messages: [
        { role: 'system', parts: [{ type: 'text', text: 'You extract.' }] },
        { role: 'user', parts: [{ type: 'text', text: 'extract' }] },
      ],
    });
  });

  it('keeps _.role keyword arguments as message metadata and accepts _.chat', () => {
    const prompt = '{{ _.chat("user", cache_control={"type": "ephemeral"}) }}hi';
    expect(render(prompt, [], {})).toEqual({
      kind: 'chat',
      messages: [
        {
          role: 'user',
          parts: [{ type: 'text', text: 'hi', meta: { cache_control: { type: 'ephemeral' } } }],
          meta: { cache_control: { type: 'ephemeral' } },
        },
      ],
    });
  });

  it('passes ctx.output_format keyword arguments', () => {
    expect(text('{{ ctx.output_format(prefix="Reply: ") }}', [], {}, t.int)).toBe('Reply: int');
    expect(() => text('{{ ctx.output_format(wrong=1) }}', [], {}, t.int)).toThrow(
      /unknown argument "wrong"/,
    );
  });

  it('exposes ctx.client and ctx.tags', () => {
    expect(
      text('{{ ctx.client.name }} {{ ctx.client.provider }} {{ ctx.tags.team }}', [], {}),
    ).toBe('Fake openai-generic core');
  });

  it('has regex_match and sum filters', () => {
    expect(
      text(
        '{{ s|regex_match("^[a-z]+@") }} {{ xs|sum }}',
        [
          { name: 's', type: t.string },
          { name: 'xs', type: t.list(t.int) },
        ],
        { s: 'ann@x.io', xs: [1, 2, 3] },
      ),
    ).toBe('true 6');
  });

  it('turns media arguments into message parts, each text part trimmed', () => {
    const r = render(
      'Look: {{ img }} ok?',
      [{ name: 'img', type: { kind: 'media', name: 'image' } }],
      { img: { url: 'https://x/y.png' } },
    );
    expect(r).toEqual({
      kind: 'chat',
      messages: [
        {
          role: 'system',
          parts: [
            // Each text piece around a media part is trimmed on its own.
            { type: 'text', text: 'Look:' },
            { type: 'media', media: { kind: 'image', url: 'https://x/y.png' } },
            { type: 'text', text: 'ok?' },
          ],
        },
      ],
    });
  });

  it('uses user as the default role for anthropic', () => {
    const program = withFunction('{{ _.role("weird") }}hi', [], t.string);
    const r = renderPrompt(
      program,
      'Render',
      {},
      { client: { name: 'C', provider: 'anthropic' }, tags: {} },
      { allowedRoles: ['user', 'assistant'] },
    );
    expect(r).toEqual({
      kind: 'chat',
      messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }],
    });
  });

  it('supports namespace, none tests and raw blocks; `format` needs `type=` as in BAML', () => {
    const params = [
      { name: 'xs', type: t.list(t.int) },
      { name: 'z', type: t.optional(t.string) },
    ];
    const args = { xs: [1, 2], z: null };
    expect(
      text(
        '{% set ns = namespace(c=0) %}{% for x in xs %}{% set ns.c = ns.c + x %}{% endfor %}{{ ns.c }}',
        params,
        args,
      ),
    ).toBe('3');
    expect(text('{% if z is none %}none{% endif %}{% set y = 1 %}[{{ y }}]', params, args)).toBe(
      'none[1]',
    );
    expect(text('{% raw %}{{ xs }}{% endraw %}', params, args)).toBe('{{ xs }}');
    // BAML's `format` filter replaces minijinja's printf-style one (jinja-runtime lib.rs).
    expect(() => text('{{ "%s items"|format(xs|length) }}', params, args)).toThrow(
      "format filter requires 'type' keyword argument",
    );
  });

  it('reports template errors with the function and the prompt line', () => {
    const run = () =>
      text('line one\n{{ s|nosuchfilter }}', [{ name: 's', type: t.string }], { s: 'x' });
    expect(run).toThrow(BamlError);
    expect(run).toThrow(
      /function Render \(prompt line 2: \{\{ s\|nosuchfilter \}\}\).*nosuchfilter/,
    );
  });

  // minijinja-contrib's filters are not registered by BAML and minijinja has no `center` or
  // (without its `urlencode` feature) `urlencode`: each is minijinja's "unknown filter" error.
  it.each(['truncate', 'wordcount', 'wordwrap', 'center', 'urlencode', 'striptags'])(
    'the filter %s is unknown, as in BAML',
    (name) => {
      expect(() => text(`{{ s|${name} }}`, [{ name: 's', type: t.string }], { s: 'x' })).toThrow(
        `unknown filter: filter ${name} is unknown`,
      );
    },
  );

  it('an unknown test is an error (minijinja UnknownTest)', () => {
    expect(() =>
      text('{{ s is frobnicated }}', [{ name: 's', type: t.string }], { s: 'x' }),
    ).toThrow('unknown test: test frobnicated is unknown');
  });
});

describe('renderPrompt robustness', () => {
  it('refuses an argument nested deeper than the stack allows with a typed error', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => render('{{ x }}', [{ name: 'x', type: t.list(t.int) }], { x: deep })).toThrow(
      BamlInvalidArgumentError,
    );
  });
});
