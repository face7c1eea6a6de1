// output_type "typescript/react": the react/ files (spec react-generator §2-3) and, under
// `tsc --strict` with React's own types, the hook/action types of §3.5 function by function.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compiler/index.js';
import { type GeneratedFile, generateClient } from '../../src/generator/index.js';
import { tscErrors } from './support.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const out = join(here, '_output', 'react');
const text = readFileSync(join(here, 'react', 'input.baml'), 'utf8');

function generate(patch: (source: string) => string = (s) => s): GeneratedFile[] {
  const sources = [{ path: 'main.baml', text: patch(text) }];
  const { program } = compile(sources);
  if (!program) throw new Error('fixture does not compile');
  return generateClient(program, sources, program.generators[0]!);
}

const file = (files: GeneratedFile[], path: string) => files.find((f) => f.path === path)!.content;

/** The first line that is not a comment or blank. */
const firstStatement = (content: string) =>
  content.split('\n').find((l) => l.trim() !== '' && !/^\s*(\/\/|\/\*)/.test(l));

describe('typescript/react generator', () => {
  it('writes the TypeScript client plus the react/ files', () => {
    const paths = generate().map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'index.ts',
        'async_client.ts',
        'react/server.ts',
        'react/server_streaming.ts',
        'react/server_streaming_types.ts',
        'react/server_calls.ts',
        'react/server_cancel.ts',
        'react/call_registry.ts',
        'react/hooks.tsx',
        'react/hooks_core.tsx',
        'react/serve_hooks.tsx',
        'react/media.ts',
      ]),
    );
    const plain = generate((s) => s.replace('"typescript/react"', '"typescript"'));
    expect(plain.some((f) => f.path.startsWith('react/'))).toBe(false);
  });

  it('puts the directives first and one action per function, in name order', () => {
    const files = generate();
    expect(firstStatement(file(files, 'react/server.ts'))).toBe("'use server'");
    for (const server of ['server_streaming', 'server_calls', 'server_cancel'])
      expect(firstStatement(file(files, `react/${server}.ts`))).toBe("'use server'");
    // The registry is a plain server module: a 'use server' file may export only actions.
    expect(firstStatement(file(files, 'react/call_registry.ts'))).not.toMatch(/^'use/);
    for (const hooks of ['react/hooks.tsx', 'react/hooks_core.tsx', 'react/serve_hooks.tsx'])
      expect(firstStatement(file(files, hooks))).toBe("'use client'");
    const actions = [...file(files, 'react/server.ts').matchAll(/export const (\w+) = async/g)];
    expect(actions.map((m) => m[1])).toEqual([
      'Classify',
      'DescribeImage',
      'ExtractReceipt',
      'ListTopics',
    ]);
    expect(file(files, 'react/server_streaming.ts')).toContain(
      'return b.stream.ExtractReceipt(receipt).toStreamable()',
    );
  });

  it('streams under the hook call id and names that parameter apart from the function ones', () => {
    const calls = file(generate(), 'react/server_calls.ts');
    expect(calls).toContain(
      'export const Classify = async (callId: string, text: string, hint?: string | null)',
    );
    expect(calls).toContain(
      'return streamCall(callId, (options) => b.stream.Classify(text, hint, options))',
    );
    expect(calls).toContain('return streamCall(callId, (options) => b.stream.ListTopics(options))');
    const clash = generate((s) =>
      s.replace(
        'function ListTopics() ->',
        'function ListTopics(callId: string, _callId: int, options: string) ->',
      ),
    );
    const clashing = file(clash, 'react/server_calls.ts');
    expect(clashing).toContain(
      'export const ListTopics = async (__callId: string, callId: string, _callId: number, options: string)',
    );
    expect(clashing).toContain(
      'return streamCall(__callId, (_options) => b.stream.ListTopics(callId, _callId, options, _options))',
    );
    // The hooks stream through the id-taking actions and cancel through server_cancel.ts; the
    // non-streaming hook keeps BAML's action and sends no cancel.
    const hooks = file(generate(), 'react/hooks.tsx');
    expect(hooks).toContain(
      'const action = streaming ? StreamingCalls.Classify : Actions.Classify',
    );
    expect(hooks).toContain(
      'useBamlAction(action, props as AnyHookInput, streaming ? cancelCall : undefined)',
    );
    expect(file(generate(), 'react/server_streaming.ts')).not.toContain('callId');
  });

  it('honours module_format in react/ imports, and the hooks never import the runtime', () => {
    const esm = generate();
    expect(file(esm, 'react/hooks.tsx')).toContain('from "./server.js"');
    expect(file(esm, 'react/server.ts')).toContain('from "../async_client.js"');
    const cjs = generate((s) => s.replace('module_format esm', 'module_format cjs'));
    expect(file(cjs, 'react/hooks.tsx')).toContain('from "./server"');
    const packages = (path: string) => [
      ...new Set(
        [...file(esm, path).matchAll(/(?:import|export)[^'"]*from ['"]([^'"]+)['"]/g)]
          .map((m) => m[1]!)
          .filter((m) => !m.startsWith('./')),
      ),
    ];
    expect(packages('react/hooks_core.tsx')).toEqual(['react', 'tsbaml/browser']);
    expect(packages('react/hooks.tsx')).toEqual(['tsbaml/browser']);
    expect(packages('react/serve_hooks.tsx')).toEqual(['react', 'tsbaml/browser']);
    // The serve hooks take only types from the server actions (no server code in the bundle).
    expect(file(esm, 'react/hooks_core.tsx')).toContain(
      'import type * as Actions from "./server.js"',
    );
    expect(file(esm, 'react/serve_hooks.tsx')).not.toMatch(/from "\.\/server/);
  });

  it('compiles under --strict with the hook and action types of BAML', async () => {
    rmSync(out, { recursive: true, force: true });
    for (const f of generate()) {
      const path = join(out, 'baml_client', f.path);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, f.content);
    }
    writeFileSync(join(out, 'assertions.tsx'), ASSERTIONS);
    const src = (p: string) => [relative(out, join(root, 'src', 'runtime', p))];
    const options = {
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      jsx: 'react-jsx',
      types: ['react'],
      typeRoots: [join(root, 'node_modules', '@types')],
      paths: { tsbaml: src('index.ts'), 'tsbaml/browser': src('browser/index.ts') },
    };
    expect(await tscErrors(root, out, options, ['**/*.ts', '**/*.tsx'])).toBe('');
  }, 120_000);
});

const ASSERTIONS = `
import type { BamlErrors } from 'tsbaml/browser'
import type { partial_types } from './baml_client/partial_types'
import type * as types from './baml_client/types'
import * as Actions from './baml_client/react/server'
import * as StreamingActions from './baml_client/react/server_streaming'
import * as StreamingCalls from './baml_client/react/server_calls'
import { cancelCall } from './baml_client/react/server_cancel'
import type { StreamingServerTypes } from './baml_client/react/server_streaming_types'
import {
  type FunctionNames, type HookData, type HookInput, type HookOutput, type HookStatus,
  useClassify, useExtractReceipt, useListTopics,
} from './baml_client/react/hooks'
import { Image, BamlImage } from './baml_client/react/media'
import * as Serve from './baml_client/react/serve_hooks'

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
const assert = <T extends true>(): T | undefined => undefined

assert<Equals<FunctionNames, 'Classify' | 'DescribeImage' | 'ExtractReceipt' | 'ListTopics'>>()
assert<Equals<typeof Actions.ExtractReceipt, (receipt: string) => Promise<types.Receipt>>>()
assert<Equals<typeof StreamingActions.ExtractReceipt, (receipt: string) => Promise<ReadableStream<Uint8Array>>>>()
assert<Equals<Parameters<typeof Actions.Classify>, [text: string, hint?: string | null]>>()
assert<Equals<typeof StreamingCalls.ExtractReceipt, (callId: string, receipt: string) => Promise<ReadableStream<Uint8Array>>>>()
assert<Equals<Parameters<typeof StreamingCalls.Classify>, [callId: string, text: string, hint?: string | null]>>()
assert<Equals<typeof cancelCall, (callId: string) => Promise<void>>>()
// @ts-expect-error the call id comes first
void StreamingCalls.ExtractReceipt('receipt')
assert<Equals<StreamingServerTypes['ExtractReceipt'], partial_types.Receipt>>()
assert<Equals<StreamingServerTypes['Classify'], types.Sentiment>>()
assert<Equals<StreamingServerTypes['ListTopics'], string[]>>()
assert<Equals<HookStatus, 'idle' | 'pending' | 'success' | 'error' | 'streaming'>>()
assert<Equals<HookStatus<{ stream: false }>, 'idle' | 'pending' | 'success' | 'error'>>()
assert<Equals<HookData<'ExtractReceipt'>, partial_types.Receipt>>()
assert<Equals<HookData<'ExtractReceipt', { stream: false }>, types.Receipt>>()

export function Streaming() {
  const h = useExtractReceipt({
    onStreamData: (p) => assert<Equals<typeof p, partial_types.Receipt | undefined>>(),
    onFinalData: (f) => assert<Equals<typeof f, types.Receipt | undefined>>(),
    onData: (d) => assert<Equals<typeof d, partial_types.Receipt | undefined>>(),
    onError: (e) => assert<Equals<typeof e, BamlErrors>>(),
  })
  assert<Equals<typeof h, HookOutput<'ExtractReceipt', { stream: true }>>>()
  assert<Equals<typeof h.data, partial_types.Receipt | undefined>>()
  assert<Equals<typeof h.streamData, partial_types.Receipt | undefined>>()
  assert<Equals<typeof h.finalData, types.Receipt | undefined>>()
  assert<Equals<typeof h.isStreaming, boolean>>()
  assert<Equals<typeof h.status, 'idle' | 'pending' | 'success' | 'error' | 'streaming'>>()
  assert<Equals<typeof h.error, BamlErrors | undefined>>()
  assert<Equals<Parameters<typeof h.mutate>, [receipt: string]>>()
  assert<Equals<ReturnType<typeof h.mutate>, Promise<ReadableStream<Uint8Array>>>>()
  if (h.error?.name === 'BamlValidationError') void h.error
  void h.reset()
  return <p>{h.data?.items.map((i) => i?.name).join(', ')}</p>
}

export function Final() {
  const h = useClassify({ stream: false, onData: (d) => assert<Equals<typeof d, types.Sentiment | undefined>>() })
  assert<Equals<typeof h, HookOutput<'Classify', { stream: false }>>>()
  assert<Equals<typeof h.data, types.Sentiment | undefined>>()
  assert<Equals<typeof h.streamData, undefined>>()
  assert<Equals<typeof h.status, 'idle' | 'pending' | 'success' | 'error'>>()
  assert<Equals<ReturnType<typeof h.mutate>, Promise<types.Sentiment>>>()
  void h.mutate('great', null)
  // @ts-expect-error a non-streaming hook takes no onStreamData
  useClassify({ stream: false, onStreamData: () => {} })
  // @ts-expect-error mutate takes the function's parameters
  void h.mutate(42)
  const topics = useListTopics()
  assert<Equals<Parameters<typeof topics.mutate>, []>>()
  const input: HookInput<'ListTopics'> = { onData: (d) => assert<Equals<typeof d, string[] | undefined>>() }
  void input
  const img = Image.fromUrl('https://example.com/a.png')
  assert<Equals<typeof img, BamlImage>>()
  assert<Equals<ReturnType<typeof img.toJSON>, { url: string } | { base64: string; media_type: string }>>()
  return null
}

export function OverServe() {
  const h = Serve.useExtractReceipt()
  assert<Equals<typeof h, HookOutput<'ExtractReceipt', { stream: true }>>>()
  const f = Serve.useClassify({ stream: false })
  assert<Equals<ReturnType<typeof f.mutate>, Promise<types.Sentiment>>>()
  assert<Equals<Serve.HookInput<'ListTopics'>, HookInput<'ListTopics'>>>()
  return <Serve.BamlServeProvider baseUrl="/api" headers={{ 'x-baml-api-key': 'k' }}>{h.data?.total}</Serve.BamlServeProvider>
}
`;
