// output_type "typescript/react": the react/ folder BAML 0.226.2 writes beside the TypeScript
// client (spec react-generator §2-3): one non-streaming and one streaming server action per
// function, the stream types, the `use<Fn>` hooks and the browser media classes; beyond BAML,
// streaming actions under a call id and a cancel action, so that a hook's reset or new call
// aborts the LLM call on the server (call-registry.ts). The hooks import only React and
// "tsbaml/browser", never the runtime; the actions run on the server.
import type { FunctionDef } from '../../ir/types.js';
import { type EmitContext, HEADER } from '../context.js';
import { Doc } from '../doc.js';
import {
  parameterList,
  partialReturnType,
  returnType,
  type SignatureTypes,
  signatureTypes,
} from '../signatures.js';
import { localName } from '../ts-names.js';
import { CALL_REGISTRY } from './call-registry.js';
import { HOOK_MACHINERY, HOOK_TYPES, SERVE_MACHINERY } from './hooks-machinery.js';
import { mediaFileBody } from './media-file.js';

interface ReactFile {
  path: string;
  content: string;
}

/** The files of react/, by path relative to baml_client/. */
export function emitReactFiles(ctx: EmitContext): ReactFile[] {
  const functions = Object.values(ctx.program.functions).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  return [
    { path: 'react/server.ts', content: emitActions(ctx, functions, 'final') },
    { path: 'react/server_streaming.ts', content: emitActions(ctx, functions, 'stream') },
    { path: 'react/server_calls.ts', content: emitActions(ctx, functions, 'call') },
    { path: 'react/server_cancel.ts', content: emitCancelAction(ctx) },
    { path: 'react/call_registry.ts', content: `${HEADER}\n\n${CALL_REGISTRY}` },
    { path: 'react/server_streaming_types.ts', content: emitStreamingTypes(ctx, functions) },
    { path: 'react/hooks_core.tsx', content: emitHooksCore(ctx) },
    { path: 'react/hooks.tsx', content: emitHooks(ctx, functions) },
    { path: 'react/serve_hooks.tsx', content: emitServeHooks(ctx, functions) },
    { path: 'react/media.ts', content: `${HEADER}\n\n${mediaFileBody()}` },
  ];
}

/** `../types` (or `../types.js`, `../types.ts`) from inside react/. */
const parent = (ctx: EmitContext, module: string) => `.${ctx.local(module)}`;

/** Type imports for signatures: `types`, `partial_types` and media types, as the text uses them. */
function typeImports(ctx: EmitContext, text: string, types: SignatureTypes): string[] {
  const lines: string[] = [];
  if (/\btypes\./.test(text)) lines.push(`import type * as types from "${parent(ctx, 'types')}"`);
  if (/\bpartial_types\./.test(text))
    lines.push(`import type { partial_types } from "${parent(ctx, 'partial_types')}"`);
  if (types.final.media.size > 0)
    lines.push(`import type { ${[...types.final.media].sort().join(', ')} } from "tsbaml"`);
  return lines;
}

/** Call arguments in parameter order (`b.Fn(a, b)`). */
const callArguments = (fn: FunctionDef) => fn.params.map((p) => localName(p.name)).join(', ');

/** `base`, or `_base`, `__base`…: a name that no parameter of `fn` has. */
function freshName(fn: FunctionDef, base: string): string {
  const taken = new Set(fn.params.map((p) => localName(p.name)));
  let name = base;
  while (taken.has(name)) name = `_${name}`;
  return name;
}

/**
 * The actions of one file: `final` (server.ts, BAML's), `stream` (server_streaming.ts, BAML's)
 * or `call` (server_calls.ts, tsbaml's: the stream under the hook's call id, cancellable by
 * server_cancel.ts).
 */
type ActionKind = 'final' | 'stream' | 'call';

const ACTION_DOCS: Record<ActionKind, (fn: string, ret: string) => string> = {
  final: (fn, ret) => `Calls ${fn} on the server and returns its final value (${ret}).`,
  stream: (fn) =>
    `Streams ${fn} as NDJSON (\`{"partial"}\` lines, then \`{"final"}\` or \`{"error"}\`); cancelling the stream aborts the call.`,
  call: (fn) =>
    `Streams ${fn} as server_streaming.ts does, under the hook's call id: \`cancelCall(callId)\` (server_cancel.ts) aborts the LLM call.`,
};

function actionBody(doc: Doc, fn: FunctionDef, kind: ActionKind, callId: string): void {
  const args = callArguments(fn);
  if (kind === 'final') doc.line(`return b.${fn.name}(${args})`);
  else if (kind === 'stream') doc.line(`return b.stream.${fn.name}(${args}).toStreamable()`);
  else {
    const options = freshName(fn, 'options');
    const all = args ? `${args}, ${options}` : options;
    doc.line(`return streamCall(${callId}, (${options}) => b.stream.${fn.name}(${all}))`);
  }
}

function emitActions(ctx: EmitContext, functions: FunctionDef[], kind: ActionKind): string {
  const types = signatureTypes(ctx);
  const body = new Doc();
  for (const fn of functions) {
    const ret = returnType(fn, types);
    body.jsdoc(ACTION_DOCS[kind](fn.name, ret));
    const result = kind === 'final' ? ret : 'ReadableStream<Uint8Array>';
    const callId = freshName(fn, 'callId');
    const params = parameterList(fn, types);
    const list = kind === 'call' ? `${callId}: string${params ? `, ${params}` : ''}` : params;
    body.block(`export const ${fn.name} = async (${list}): Promise<${result}> => {`, () =>
      actionBody(body, fn, kind, callId),
    );
    body.line();
  }
  const text = body.toString();
  const doc = new Doc().lines(HEADER).line("'use server'").line();
  // The async client whatever default_client_mode says: a sync client cannot stream.
  doc.line(`import { b } from "${parent(ctx, 'async_client')}"`);
  if (kind === 'call') doc.line(`import { streamCall } from "${ctx.local('call_registry')}"`);
  doc.lines(...typeImports(ctx, text, types));
  return `${doc.toString()}\n${text}`;
}

/** react/server_cancel.ts: the action a hook calls to abort its streaming call on the server. */
function emitCancelAction(ctx: EmitContext): string {
  const doc = new Doc().lines(HEADER).line("'use server'").line();
  doc.line(`import { cancelCall as cancelRegisteredCall } from "${ctx.local('call_registry')}"`);
  doc.line();
  doc.jsdoc(
    'Aborts the streaming call that server_calls.ts runs under `callId` in this server process; a no-op for an unknown, finished or malformed id.',
  );
  doc.block('export const cancelCall = async (callId: string): Promise<void> => {', () =>
    doc.line('cancelRegisteredCall(callId)'),
  );
  return doc.toString();
}

function emitStreamingTypes(ctx: EmitContext, functions: FunctionDef[]): string {
  const types = signatureTypes(ctx);
  const body = new Doc();
  body.jsdoc('The partial (stream) type of each function, as its streaming hook reports it.');
  body.block('export type StreamingServerTypes = {', () => {
    for (const fn of functions) body.line(`${fn.name}: ${partialReturnType(fn, types)}`);
  });
  const text = body.toString();
  const doc = new Doc().lines(HEADER).line();
  doc.lines(...typeImports(ctx, text, types));
  return `${doc.toString()}\n${text}`;
}

/** The hook machinery and BAML's hook types, shared by hooks.tsx and serve_hooks.tsx. */
function emitHooksCore(ctx: EmitContext): string {
  const doc = new Doc().lines(HEADER).line("'use client'").line();
  doc.line(
    "import { useCallback, useEffect, useMemo, useReducer, useRef, useTransition } from 'react'",
  );
  doc.line("import { type BamlErrors, readNdjsonStream, reviveBamlError } from 'tsbaml/browser'");
  doc.line(`import type * as Actions from "${ctx.local('server')}"`);
  doc.line(`import type { StreamingServerTypes } from "${ctx.local('server_streaming_types')}"`);
  doc.line();
  doc.line('export type { BamlErrors }');
  doc.line();
  return doc.lines(HOOK_TYPES).line().lines(HOOK_MACHINERY).toString();
}

/** BAML's exported hook types, re-exported by both hook files. */
const CORE_TYPES =
  'FunctionNames, HookData, HookInput, HookOutput, HookStatus, NonStreamingHookStatus, ServerAction, StreamingHookStatus';

/** What a hook file takes from hooks_core, and re-exports. */
function coreImports(doc: Doc, ctx: EmitContext): void {
  const core = ctx.local('hooks_core');
  doc.line(
    `import { type AnyHookInput, type HookInput, type HookOutput, useBamlAction } from "${core}"`,
  );
  doc.line(`export type { ${CORE_TYPES} } from "${core}"`);
}

/**
 * `export function use<Fn>` with BAML's two overloads; `body` picks the action (and `cancel`, the
 * upstream cancel of its streaming calls, when the action takes a call id first).
 */
function emitHook(
  doc: Doc,
  fn: FunctionDef,
  comment: string,
  body: string[],
  cancel = 'undefined',
): void {
  const name = JSON.stringify(fn.name);
  doc.line();
  doc.jsdoc(comment);
  doc.line(
    `export function use${fn.name}(props: HookInput<${name}, { stream: false }>): HookOutput<${name}, { stream: false }>`,
  );
  doc.line(
    `export function use${fn.name}(props?: HookInput<${name}, { stream?: true }>): HookOutput<${name}, { stream: true }>`,
  );
  doc.block(
    `export function use${fn.name}(props: HookInput<${name}, { stream?: boolean }> = {}): HookOutput<${name}, { stream?: boolean }> {`,
    () => {
      doc.lines(...body);
      doc.line(
        cancel === 'undefined'
          ? 'return useBamlAction(action, props as AnyHookInput) as any'
          : `return useBamlAction(action, props as AnyHookInput, ${cancel}) as any`,
      );
    },
  );
}

function emitHooks(ctx: EmitContext, functions: FunctionDef[]): string {
  const doc = new Doc().lines(HEADER).line("'use client'").line();
  doc.line(`import * as Actions from "${ctx.local('server')}"`);
  doc.line(`import * as StreamingCalls from "${ctx.local('server_calls')}"`);
  doc.line(`import { cancelCall } from "${ctx.local('server_cancel')}"`);
  coreImports(doc, ctx);
  doc.line("export type { BamlErrors } from 'tsbaml/browser'");
  for (const fn of functions) {
    emitHook(
      doc,
      fn,
      `React hook for ${fn.name} over its server action: streams by default (\`data\` follows the partials; a new call, \`reset()\` or unmounting aborts the LLM call on the server); \`{ stream: false }\` waits for the final value.`,
      [
        'const streaming = props.stream !== false',
        `const action = streaming ? StreamingCalls.${fn.name} : Actions.${fn.name}`,
      ],
      'streaming ? cancelCall : undefined',
    );
  }
  return doc.toString();
}

/**
 * serve_hooks.tsx (beyond BAML): the same hooks over `tsbaml serve` instead of server actions,
 * for any React app (Vite, Remix): no server action is imported, only its types.
 */
function emitServeHooks(ctx: EmitContext, functions: FunctionDef[]): string {
  const doc = new Doc().lines(HEADER).line("'use client'").line();
  doc.line(
    "import { createContext, createElement, type ReactNode, useContext, useMemo } from 'react'",
  );
  doc.line("import { callServe, type ServeOptions, streamFromServe } from 'tsbaml/browser'");
  coreImports(doc, ctx);
  doc.line("export type { BamlErrors, ServeOptions } from 'tsbaml/browser'");
  doc.line();
  doc.lines(SERVE_MACHINERY);
  for (const fn of functions) {
    const params = JSON.stringify(fn.params.map((p) => p.name));
    emitHook(
      doc,
      fn,
      `React hook for ${fn.name} over tsbaml serve (POST /stream/${fn.name}, or /call/${fn.name} with \`{ stream: false }\`).`,
      [
        `const action = useServeAction(${JSON.stringify(fn.name)}, ${params}, props.stream !== false)`,
      ],
    );
  }
  return doc.toString();
}
