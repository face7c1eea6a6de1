// The scenario every environment runs (Chromium, workerd, Bun, Deno, Node) against the loopback
// LLM server of llm-server.ts, through the client generated from tests/e2e/baml_src. It imports
// nothing, so each environment loads it as it is (Deno without sloppy imports, bundles as a
// plain module), and it is handed the generated client module. Each check returns a result
// instead of throwing, so one report shows every failure of an environment at once.

/** The parts of a generated `baml_client` module the scenario uses. */
export interface ClientModule {
  b: any;
  BamlError: ErrorClass;
  BamlAbortError: ErrorClass;
  BamlClientHttpError: ErrorClass;
  BamlValidationError: ErrorClass;
}

interface ErrorClass {
  new (...args: any[]): Error;
  isInstance(value: unknown): boolean;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

/** The answer the `ok` route streams, and what it parses to. */
export const ANSWER = '{"name": "Ada Lovelace", "age": 36, "hobbies": ["math", "poetry"]}';
export const PERSON = { name: 'Ada Lovelace', age: 36, hobbies: ['math', 'poetry'] };

/** The env each call passes: one base URL per route of the loopback server. */
export function scenarioEnv(base: string): Record<string, string> {
  return {
    E2E_OK_URL: `${base}/v1/ok`,
    E2E_MEDIA_URL: `${base}/v1/media`,
    E2E_SLOW_URL: `${base}/v1/slow`,
    E2E_500_URL: `${base}/v1/e500`,
    E2E_401_URL: `${base}/v1/e401`,
  };
}

class CheckFailed extends Error {}

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new CheckFailed(what);
}

function same(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  check(a === e, `${what}: got ${a}, expected ${e}`);
}

/** The error is of class `name`, by its name and by `isInstance`, and a BamlError. */
function typedError(client: ClientModule, error: unknown, name: keyof ClientModule): void {
  const cls = client[name] as ErrorClass;
  const e = error as { name?: unknown; message?: unknown };
  check(e && typeof e === 'object', `expected ${name}, got ${String(error)}`);
  check(e.name === name, `error.name is ${String(e.name)}, expected ${name} (${e.message})`);
  check(cls.isInstance(error), `${name}.isInstance(error) is false`);
  check(client.BamlError.isInstance(error), 'BamlError.isInstance(error) is false');
  check(error instanceof client.BamlError, 'error is not instanceof BamlError');
}

async function requestCount(base: string, route: string): Promise<number> {
  const res = await fetch(`${base}/count/${route}`);
  return Number(await res.text());
}

async function rejection(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new CheckFailed('expected the call to fail, it succeeded');
}

/** Runs every check; never throws. */
export async function runScenario(client: ClientModule, base: string): Promise<CheckResult[]> {
  const b = client.b.withOptions({ env: scenarioEnv(base) });
  const text = 'Ada Lovelace, 36, likes math and poetry';
  const checks: [string, () => Promise<string>][] = [
    [
      'stream: partials in order, then the final value',
      async () => {
        const stream = b.stream.ExtractPerson(text);
        const partials: any[] = [];
        for await (const partial of stream) partials.push(partial);
        const final = await stream.getFinalResponse();
        same(final, PERSON, 'final value');
        check(partials.length >= 3, `only ${partials.length} partials`);
        const names = partials.map((p) => p?.name ?? '');
        for (let i = 1; i < names.length; i++)
          check(names[i].startsWith(names[i - 1]), `partial names out of order: ${names}`);
        same(partials.at(-1), PERSON, 'last partial');
        return `${partials.length} partials`;
      },
    ],
    [
      'call: the final value',
      async () => {
        same(await b.ExtractPerson(text), PERSON, 'b.ExtractPerson');
        return 'ok';
      },
    ],
    [
      'b.parse: coerces, and a bad answer is a BamlValidationError',
      async () => {
        same(b.parse.ExtractPerson(ANSWER), PERSON, 'b.parse');
        const error = await rejection(async () => b.parse.ExtractPerson('no person here'));
        typedError(client, error, 'BamlValidationError');
        return 'ok';
      },
    ],
    [
      'b.request: the request, built and not sent',
      async () => {
        const before = await requestCount(base, 'ok');
        const request = await b.request.ExtractPerson(text);
        same(request.url, `${base}/v1/ok/chat/completions`, 'url');
        same(request.method, 'POST', 'method');
        const body = request.body.json();
        same(body.model, 'e2e-model', 'model');
        check(JSON.stringify(body.messages).includes('Ada Lovelace, 36'), 'prompt not in body');
        same(await requestCount(base, 'ok'), before, 'requests sent by b.request');
        return 'ok';
      },
    ],
    [
      'abort mid-stream: the iterator ends, getFinalResponse rejects with BamlAbortError',
      async () => {
        const controller = new AbortController();
        const stream = b.stream.ExtractPerson(text, {
          client: 'Slow',
          signal: controller.signal,
        });
        const started = Date.now();
        let afterAbort = 0;
        for await (const partial of stream) {
          if (controller.signal.aborted) afterAbort++;
          else if (partial?.name) controller.abort('enough');
        }
        check(controller.signal.aborted, 'the stream ended before its first named partial');
        same(afterAbort, 0, 'partials after the abort');
        const error: any = await rejection(() => stream.getFinalResponse());
        typedError(client, error, 'BamlAbortError');
        same(error.reason, 'enough', 'reason');
        const ms = Date.now() - started;
        check(ms < 5000, `abort took ${ms} ms`);
        return 'ok';
      },
    ],
    [
      'HTTP 500 with a retry policy: BamlClientHttpError after 3 requests',
      async () => {
        const error: any = await rejection(() => b.ExtractPerson(text, { client: 'Fails500' }));
        typedError(client, error, 'BamlClientHttpError');
        same(error.status_code, 500, 'status_code');
        same(await requestCount(base, 'e500'), 3, 'requests sent');
        return 'ok';
      },
    ],
    [
      'HTTP 401 with a retry policy: BamlClientHttpError after exactly 1 request',
      async () => {
        const error: any = await rejection(() => b.ExtractPerson(text, { client: 'Fails401' }));
        typedError(client, error, 'BamlClientHttpError');
        same(error.status_code, 401, 'status_code');
        same(await requestCount(base, 'e401'), 1, 'requests sent');
        return 'ok';
      },
    ],
  ];
  const results: CheckResult[] = [];
  for (const [name, run] of checks) {
    try {
      results.push({ name, ok: true, detail: await run() });
    } catch (error) {
      const detail =
        error instanceof CheckFailed
          ? error.message
          : `threw ${(error as Error)?.name}: ${(error as Error)?.message ?? String(error)}`;
      results.push({ name, ok: false, detail });
    }
  }
  return results;
}
