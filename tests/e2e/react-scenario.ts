// The generated `typescript/react` hooks in Chromium: on a minified React production bundle
// whose "server actions" run in the page (the runtime runs in browsers), and in a Next.js app
// whose actions run on its server. Either way the whole chain runs for real: hook → action →
// b.stream → loopback LLM → toStreamable() NDJSON → hook. The apps (environments/prepare.ts,
// environments/next-app.ts) render the hooks and record every render; this file drives them.
// Like scenario.ts it imports nothing, and returns results.

import type { CheckResult } from './scenario.js';

interface HookView {
  status: string;
  data?: any;
  streamData?: any;
  finalData?: any;
  error?: any;
  mutate(...args: unknown[]): Promise<unknown>;
  reset(): void;
}

/** What the app exposes to the scenario. */
export interface ReactApp {
  /** The hooks as of the last render (`child` while its component is mounted). */
  hooks(): Record<'ok' | 'slow' | 'bad' | 'photo', HookView> &
    Partial<Record<'servedOk' | 'servedSlow' | 'child', HookView>>;
  /** Unmounts the component that renders the `child` hook (a slow one). */
  unmountChild(): void;
  /** `Image` of the generated react/media.ts. */
  Image: { fromBlob(blob: Blob, mediaType?: string): Promise<unknown> };
  /** Every render's view of each hook (status and data), in order. */
  renders: { hook: string; status: string; data: any }[];
  /** Callback calls, in order: [hook, callback name, value]. */
  callbacks: [string, string, any][];
  /** The error classes as the hooks' module sees them ("tsbaml/browser"). */
  BamlClientHttpError: { isInstance(v: unknown): boolean };
  BamlError: { isInstance(v: unknown): boolean };
}

class CheckFailed extends Error {}

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new CheckFailed(what);
}

async function until(what: string, condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new CheckFailed(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Cancelling a hook's call (new call, reset, unmount) must reach the LLM request wherever the
 * action runs: in the page, behind tsbaml serve, or as a Next.js server action (through the
 * generated cancel action). `/aborted/slow` counts the slow route's requests that the client
 * closed; that route stalls after its first pieces, so nothing else closes them.
 */
export async function runReactScenario(
  app: ReactApp,
  base: string,
  person: unknown,
): Promise<CheckResult[]> {
  const aborted = async (route: string) =>
    Number(await (await fetch(`${base}/aborted/${route}`)).text());
  /** Waits (5 s at most) until `route` has `count` more aborted requests than `before`. */
  const abortedSince = async (route: string, before: number, count: number, what: string) => {
    const end = Date.now() + 5000;
    while ((await aborted(route)) - before < count && Date.now() < end)
      await new Promise((r) => setTimeout(r, 20));
    check((await aborted(route)) - before >= count, what);
  };
  const renders = (hook: string) => app.renders.filter((r) => r.hook === hook);
  const checks: [string, () => Promise<void>][] = [
    [
      'react: partials render in order, then the final value; callbacks in BAML order',
      async () => {
        await app.hooks().ok.mutate('Ada Lovelace, 36');
        await until('success', () => app.hooks().ok.status === 'success');
        const seen = renders('ok');
        const statuses = [...new Set(seen.map((r) => r.status))];
        check(
          JSON.stringify(statuses) === '["idle","pending","streaming","success"]',
          `statuses ${JSON.stringify(statuses)}`,
        );
        // Every partial reaches onStreamData in order; React may batch several into one render.
        const names = app.callbacks
          .filter((c) => c[0] === 'ok' && c[1] === 'onStreamData')
          .map((c) => c[2]?.name ?? '');
        check(names.length >= 3, `only ${names.length} partials`);
        for (let i = 1; i < names.length; i++)
          check(names[i].startsWith(names[i - 1]), `partials out of order: ${names}`);
        const rendered = seen
          .filter((r) => r.status === 'streaming')
          .map((r) => r.data?.name ?? '');
        check(
          rendered.every((name) => names.includes(name)),
          `rendered a partial that was not streamed: ${rendered}`,
        );
        check(
          JSON.stringify(app.hooks().ok.data) === JSON.stringify(person),
          `final data ${JSON.stringify(app.hooks().ok.data)}`,
        );
        const order = app.callbacks.filter((c) => c[0] === 'ok').map((c) => c[1]);
        check(order.at(-2) === 'onFinalData' && order.at(-1) === 'onData', `callbacks ${order}`);
        check(order[0] === 'onStreamData' && order[1] === 'onData', `callbacks ${order}`);
      },
    ],
    [
      'react: an HTTP 401 ends in status error with a typed BamlClientHttpError (one request)',
      async () => {
        await app.hooks().bad.mutate('x');
        await until('error', () => app.hooks().bad.status === 'error');
        const error = app.hooks().bad.error;
        check(error?.name === 'BamlClientHttpError', `error.name ${error?.name}`);
        check(app.BamlClientHttpError.isInstance(error), 'BamlClientHttpError.isInstance is false');
        check(error.status_code === 401, `status_code ${error.status_code}`);
        const sent = Number(await (await fetch(`${base}/count/e401`)).text());
        check(sent === 1, `${sent} requests sent`);
        const onError = app.callbacks.find((c) => c[0] === 'bad' && c[1] === 'onError');
        check(app.BamlError.isInstance(onError?.[2]), 'onError did not get a typed error');
      },
    ],
    [
      'react: a second mutate aborts the first call upstream; reset aborts the second',
      async () => {
        const before = await aborted('slow');
        void app.hooks().slow.mutate('first');
        await until('first partial', () => app.hooks().slow.status === 'streaming');
        void app.hooks().slow.mutate('second');
        await abortedSince('slow', before, 1, 'the first upstream request is still open');
        await until('second stream', () => app.hooks().slow.status === 'streaming');
        app.hooks().slow.reset();
        await abortedSince('slow', before, 2, 'reset left the second upstream request open');
        await new Promise((r) => setTimeout(r, 100));
        check(app.hooks().slow.status === 'idle', `status after reset ${app.hooks().slow.status}`);
        check(app.hooks().slow.error === undefined, 'an aborted call reported an error');
      },
    ],
    [
      'react: unmounting a component aborts its running call upstream',
      async () => {
        const before = await aborted('slow');
        void app.hooks().child!.mutate('x');
        await until('child streaming', () => app.hooks().child?.status === 'streaming');
        app.unmountChild();
        await until('child unmounted', () => app.hooks().child === undefined);
        await abortedSince('slow', before, 1, 'the unmounted call is still open upstream');
      },
    ],
    [
      'react: an image from react/media.ts reaches the LLM request as BAML renders it',
      async () => {
        // A few bytes of every value, so that base64 of a wrong encoding would not match.
        const bytes = new Uint8Array(300).map((_, i) => (i * 37 + 11) & 0xff);
        const image = await app.Image.fromBlob(new Blob([bytes], { type: 'image/png' }));
        await app.hooks().photo.mutate(image);
        await until('success', () => app.hooks().photo.status === 'success');
        check(
          JSON.stringify(app.hooks().photo.data) === JSON.stringify(person),
          `final data ${JSON.stringify(app.hooks().photo.data)}`,
        );
        const body = JSON.parse(await (await fetch(`${base}/body/media`)).text());
        const parts: any[] = body.messages.flatMap((m: any) =>
          Array.isArray(m.content) ? m.content : [],
        );
        const base64 = btoa(String.fromCharCode(...bytes));
        const images = parts.filter((p) => p.type === 'image_url');
        check(
          JSON.stringify(images) ===
            JSON.stringify([
              { type: 'image_url', image_url: { url: `data:image/png;base64,${base64}` } },
            ]),
          `image parts ${JSON.stringify(images).slice(0, 200)}`,
        );
      },
    ],
    [
      'react over tsbaml serve: partials, then the final value; reset aborts the LLM call',
      async () => {
        await app.hooks().servedOk!.mutate('Ada Lovelace, 36');
        await until('success', () => app.hooks().servedOk!.status === 'success');
        const seen = renders('servedOk').filter((r) => r.status === 'streaming');
        check(seen.length >= 1, 'no streaming render');
        check(
          JSON.stringify(app.hooks().servedOk!.data) === JSON.stringify(person),
          `final data ${JSON.stringify(app.hooks().servedOk!.data)}`,
        );
        const before = await aborted('slow');
        void app.hooks().servedSlow!.mutate('x');
        await until('streaming', () => app.hooks().servedSlow!.status === 'streaming');
        app.hooks().servedSlow!.reset();
        await abortedSince('slow', before, 1, 'reset left the LLM request behind serve open');
      },
    ],
  ];
  const results: CheckResult[] = [];
  for (const [name, run] of checks) {
    // The serve hooks run where the app renders them (not in the Next.js app).
    if (name.includes('tsbaml serve') && !app.hooks().servedOk) continue;
    try {
      await run();
      results.push({ name, ok: true, detail: 'ok' });
    } catch (error) {
      const e = error as Error;
      results.push({
        name,
        ok: false,
        detail: error instanceof CheckFailed ? e.message : `threw ${e?.name}: ${e?.message}`,
      });
    }
  }
  return results;
}
