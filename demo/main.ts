// `npm run demo`: extracts a receipt with the generated client, streaming the partial object
// live in the terminal, then prints the validated final value.
//
// Offline by default: the call goes through the real pipeline (generated client, prompt,
// OpenAI provider client, SSE, streaming parser) to a loopback server that replays an OpenAI
// stream. With OPENAI_API_KEY set, or --client <name | provider/model>, it calls the provider.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createLiveView } from './live-view.js';
import { startReplayServer } from './replay-server.js';

/** The slice of the generated client the demo uses (imported dynamically: it is generated). */
interface DemoClient {
  b: {
    stream: {
      ExtractReceiptInfo(
        receipt: string,
        options?: { client?: string; env?: Record<string, string>; signal?: AbortSignal },
      ): AsyncIterable<unknown> & { getFinalResponse(): Promise<unknown> };
    };
  };
}

const HELP = `Usage: npm run demo [-- --client <name|provider/model>] [--plain] [--rate <tokens/s>]

Streams ExtractReceiptInfo over demo/receipt.txt. Without OPENAI_API_KEY (or --client) the
answer comes from a built-in loopback replay of an OpenAI stream: no network, no key.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      client: { type: 'string' },
      plain: { type: 'boolean', default: false },
      rate: { type: 'string', default: '70' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const client = await loadClient();
  const receipt = await readFile(new URL('./receipt.txt', import.meta.url), 'utf8');
  const live = values.client !== undefined || Boolean(process.env.OPENAI_API_KEY);
  const replay = live
    ? null
    : await startReplayServer({
        answer: await readFile(new URL('./replay-answer.txt', import.meta.url), 'utf8'),
        tokensPerSecond: Number(values.rate) || 70,
      });
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  const out = values.plain ? { write: (s: string) => process.stdout.write(s) } : process.stdout;
  const where = replay
    ? `offline: a loopback replay of an OpenAI gpt-4o-mini stream at ~${values.rate} tokens/s (set OPENAI_API_KEY to call the real API)`
    : `live: ${values.client ?? 'GPT4oMini (openai/gpt-4o-mini)'}`;
  process.stdout.write(`Receipt:\n${indent(receipt)}\n${where}\n\n`);
  const view = createLiveView(out, 'ExtractReceiptInfo');
  try {
    const options = replay
      ? {
          client: 'OfflineReplay',
          env: { TSBAML_DEMO_REPLAY_URL: replay.url },
          signal: abort.signal,
        }
      : { ...(values.client ? { client: values.client } : {}), signal: abort.signal };
    const stream = client.b.stream.ExtractReceiptInfo(receipt, options);
    for await (const partial of stream) view.partial(partial);
    view.final(await stream.getFinalResponse());
    return 0;
  } finally {
    view.stop();
    await replay?.close();
  }
}

async function loadClient(): Promise<DemoClient> {
  const specifier = new URL('./baml_client/index.js', import.meta.url).href;
  try {
    return (await import(specifier)) as DemoClient;
  } catch (error) {
    throw new Error(
      `The demo client is not generated yet (${(error as Error).message.split('\n')[0]}). Run "npm run demo", which runs "tsbaml generate --from demo/baml_src" first.`,
    );
  }
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // One paragraph, no stack trace; BAML errors carry the raw output worth showing.
    const e = error as { name?: string; message?: string; raw_output?: string };
    process.stderr.write(
      `\nerror: ${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message ?? String(error)}\n`,
    );
    if (e.raw_output) process.stderr.write(`raw output:\n${e.raw_output}\n`);
    if (e.name?.startsWith('BamlClient') && process.env.OPENAI_API_KEY) {
      process.stderr.write(
        '(The demo called the real API because OPENAI_API_KEY is set; unset it for the offline replay.)\n',
      );
    }
    process.exitCode = 1;
  },
);
