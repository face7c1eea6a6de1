// The generated `typescript/react` hooks in Chromium, on a minified React production bundle.
// The "server actions" run in the page (the runtime runs in browsers), so the whole chain
// runs for real: hook → action → b.stream → loopback LLM → toStreamable() NDJSON → hook.
// The app (written by environments/prepare.ts) renders three hooks and records every render;
// this file drives it. Like scenario.ts it imports nothing, and returns results.

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
  /** The hooks as of the last render. */
  hooks(): Record<'ok' | 'slow' | 'bad', HookView> &
    Partial<Record<'servedOk' | 'servedSlow', HookView>>;
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
 * `upstreamAbort`: whether cancelling a hook's stream reaches the LLM request. It does when the
 * action runs in the page or behind tsbaml serve; a Next.js server action's stream cannot be
 * cancelled from the client, so there the check is that the stale call never touches state.
 */
export async function runReactScenario(
  app: ReactApp,
  base: string,
  person: unknown,
  upstreamAbort = true,
): Promise<CheckResult[]> {
  const closed = async (route: string) =>
    Number(await (await fetch(`${base}/closed/${route}`)).text());
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
        const names = seen.filter((r) => r.status === 'streaming').map((r) => r.data?.name ?? '');
        check(names.length >= 2, `only ${names.length} streaming renders`);
        for (let i = 1; i < names.length; i++)
          check(names[i].startsWith(names[i - 1]), `partials out of order: ${names}`);
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
      upstreamAbort
        ? 'react: a second mutate aborts the first call upstream; reset aborts the second'
        : 'react: a second mutate and reset abandon the running call; it never touches state',
      async () => {
        const before = await closed('slow');
        void app.hooks().slow.mutate('first');
        await until('first partial', () => app.hooks().slow.status === 'streaming');
        void app.hooks().slow.mutate('second');
        const afterSecond = async () =>
          upstreamAbort ? (await closed('slow')) - before : Number.POSITIVE_INFINITY;
        const end = Date.now() + 5000;
        while ((await afterSecond()) < 1 && Date.now() < end)
          await new Promise((r) => setTimeout(r, 20));
        check((await afterSecond()) >= 1, 'the first upstream request is still open');
        await until('second stream', () => app.hooks().slow.status === 'streaming');
        app.hooks().slow.reset();
        while ((await afterSecond()) < 2 && Date.now() < end + 5000)
          await new Promise((r) => setTimeout(r, 20));
        check((await afterSecond()) >= 2, 'reset left the second upstream request open');
        await new Promise((r) => setTimeout(r, 100));
        check(app.hooks().slow.status === 'idle', `status after reset ${app.hooks().slow.status}`);
        check(app.hooks().slow.error === undefined, 'an aborted call reported an error');
      },
    ],
    [
      'react over tsbaml serve: partials, then the final value; reset aborts the LLM call',
      async () => {
        await app.hooks().servedOk!.mutate('Ada Lovelace, 36');
        await until('success', () => app.hooks().servedOk!.status === 'success');
        const seen = renders('servedOk').filter((r) => r.status === 'streaming');
        check(seen.length >= 2, `only ${seen.length} streaming renders`);
        check(
          JSON.stringify(app.hooks().servedOk!.data) === JSON.stringify(person),
          `final data ${JSON.stringify(app.hooks().servedOk!.data)}`,
        );
        const before = await closed('slow');
        void app.hooks().servedSlow!.mutate('x');
        await until('streaming', () => app.hooks().servedSlow!.status === 'streaming');
        app.hooks().servedSlow!.reset();
        const end = Date.now() + 5000;
        while ((await closed('slow')) === before && Date.now() < end)
          await new Promise((r) => setTimeout(r, 20));
        check((await closed('slow')) > before, 'reset left the LLM request behind serve open');
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
