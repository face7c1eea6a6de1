import { IR_VERSION, type Program, type Type } from '../../src/ir/types.js';
import { createServeApp, type ServeAppOptions } from '../../src/server/app.js';
import type {
  ExecuteOptions,
  FunctionExecutor,
  FunctionStream,
} from '../../src/server/executor.js';

const string: Type = { kind: 'primitive', name: 'string' };
const optionalString: Type = {
  kind: 'union',
  variants: [string, { kind: 'primitive', name: 'null' }],
};
const float: Type = {
  kind: 'primitive',
  name: 'float',
  stream: { needed: false, done: true, state: false },
};

/** A small program: `Extract(text: string, hint: string?) -> Receipt`, plus `Stateful` with @stream.with_state. */
export const program: Program = {
  irVersion: IR_VERSION,
  classes: {
    Receipt: {
      name: 'Receipt',
      fields: [
        {
          name: 'venue',
          type: { ...string, stream: { needed: false, done: false, state: false } },
        },
        {
          name: 'items',
          type: {
            kind: 'list',
            item: {
              kind: 'class',
              name: 'Item',
              stream: { needed: true, done: false, state: false },
            },
            stream: { needed: true, done: false, state: false },
          },
        },
        {
          name: 'total',
          type: { kind: 'union', variants: [float, { kind: 'primitive', name: 'null' }] },
        },
      ],
    },
    Item: { name: 'Item', fields: [{ name: 'name', type: string }] },
    Note: {
      name: 'Note',
      fields: [{ name: 'body', type: { ...string, attrs: { streamWithState: true } } }],
    },
  },
  enums: {},
  typeAliases: {},
  functions: {
    Extract: {
      name: 'Extract',
      params: [
        { name: 'text', type: string },
        { name: 'hint', type: optionalString },
      ],
      returnType: { kind: 'class', name: 'Receipt' },
      client: 'Fake',
      prompt: '{{ text }}',
    },
    Stateful: {
      name: 'Stateful',
      params: [],
      returnType: { kind: 'class', name: 'Note' },
      client: 'Fake',
      prompt: 'x',
    },
  },
  templateStrings: {},
  clients: { Fake: { name: 'Fake', provider: 'openai-generic', options: {} } },
  retryPolicies: {},
  generators: [],
  tests: [],
};

/** What one fake call does: partials (with a delay between them), then a final value or an error. */
export interface Script {
  partials?: unknown[];
  final?: unknown;
  error?: unknown;
  /** Thrown before the first partial (like an argument or provider auth error). */
  errorFirst?: unknown;
  delayMs?: number;
}

/** Records every call the server makes. */
export interface Recorded {
  name: string;
  args: Record<string, unknown>;
  options: ExecuteOptions;
}

/** A fake executor playing `script(name)` and honouring the abort signal like the runtime. */
export function fakeExecutor(script: (name: string, args: Record<string, unknown>) => Script) {
  const calls: Recorded[] = [];
  const executor: FunctionExecutor = {
    async call(name, args, options) {
      calls.push({ name, args, options });
      const s = script(name, args);
      if (s.errorFirst) throw s.errorFirst;
      if (s.error) throw s.error;
      return s.final;
    },
    stream(name, args, options): FunctionStream {
      calls.push({ name, args, options });
      const s = script(name, args);
      let resolveFinal: (v: unknown) => void = () => {};
      let rejectFinal: (e: unknown) => void = () => {};
      const final = new Promise<unknown>((resolve, reject) => {
        resolveFinal = resolve;
        rejectFinal = reject;
      });
      final.catch(() => {});
      async function* partials() {
        if (s.errorFirst) {
          rejectFinal(s.errorFirst);
          throw s.errorFirst;
        }
        for (const p of s.partials ?? []) {
          if (s.delayMs) await sleep(s.delayMs, options.signal);
          if (options.signal.aborted) {
            rejectFinal(new Error('aborted'));
            return;
          }
          yield p;
        }
        if (s.error) {
          rejectFinal(s.error);
          throw s.error;
        }
        resolveFinal(s.final);
      }
      const iterable = partials();
      return { [Symbol.asyncIterator]: () => iterable, getFinalResponse: () => final };
    },
  };
  return { executor, calls };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The app over `program` with a fake executor. */
export function makeApp(
  script: (name: string, args: Record<string, unknown>) => Script,
  options: Partial<ServeAppOptions> = {},
) {
  const fake = fakeExecutor(script);
  const app = createServeApp({
    program,
    executor: fake.executor,
    env: () => ({ BASE: '1', SECRET: 's' }),
    ...options,
  });
  return { app, calls: fake.calls };
}

/** POSTs JSON (or raw text) to the app in-process. */
export function post(
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Splits an SSE body into events (comments kept as `{ comment }`). */
export function parseSse(
  text: string,
): { id?: string; event?: string; data?: string; comment?: string }[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event: { id?: string; event?: string; data?: string; comment?: string } = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) event.comment = line.slice(1).trim();
        else {
          const colon = line.indexOf(':');
          const field = line.slice(0, colon);
          const value = line.slice(colon + 1).replace(/^ /, '');
          if (field === 'id' || field === 'event' || field === 'data') event[field] = value;
        }
      }
      return event;
    });
}

export const receiptPartials = [
  { venue: null, items: [], total: null },
  { venue: 'Ba', items: [], total: null },
  { venue: 'Barisa', items: [], total: null },
  { venue: 'Barisa', items: [], total: null },
  { venue: 'Barisa', items: [{ name: 'Fl' }], total: null },
  { venue: 'Barisa', items: [{ name: 'Flat white' }], total: null },
  { venue: 'Barisa', items: [{ name: 'Flat white' }], total: 4.5 },
];
export const receiptFinal = { venue: 'Barisa', items: [{ name: 'Flat white' }], total: 4.5 };
