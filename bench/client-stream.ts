// `b.stream` end to end against a loopback OpenAI-compatible server in this process:
// 1. token-to-partial latency: the time from the server writing an SSE chunk to the consumer
//    holding the partial that includes it (same process, same clock), p50 and p99;
// 2. CPU and wall time for a 100 KB and a 1 MB JSON answer streamed in 8-character chunks at
//    full speed (server, HTTP, SSE decoding, incremental parsing and delivery all included).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { compile } from '../src/compiler/index.js';
import { BamlRuntime } from '../src/runtime/index.js';

export const SOURCE = `
class Item {
  id int
  name string
  tags string[]
  price float
}
function Text(input: string) -> string {
  client Local
  prompt #"{{ input }}"#
}
function Items(input: string) -> Item[] {
  client Local
  prompt #"{{ input }} {{ ctx.output_format }}"#
}
client<llm> Local {
  provider "openai-generic"
  options {
    base_url env.BENCH_BASE_URL
    model "bench"
    api_key "x"
  }
}
`;

interface Plan {
  chunks: string[];
  /** Milliseconds between chunks; 0 writes them back to back. */
  gapMs: number;
}

const sse = (delta: object, finish: string | null) =>
  `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

export async function startServer(): Promise<{
  url: string;
  plan(p: Plan): void;
  writes: number[];
  close(): Promise<void>;
}> {
  let plan: Plan = { chunks: [], gapMs: 0 };
  const writes: number[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', async () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sse({ role: 'assistant', content: '' }, null));
      const { chunks, gapMs } = plan;
      writes.length = 0;
      for (let i = 0; i < chunks.length; i++) {
        if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
        writes.push(performance.now());
        const ok = res.write(sse({ content: chunks[i] }, null));
        if (!ok) await new Promise((r) => res.once('drain', r));
      }
      res.write(sse({}, 'stop'));
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    plan: (p) => {
      plan = p;
    },
    writes,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

export function itemsJson(targetBytes: number): string {
  const items: string[] = [];
  let size = 2;
  for (let i = 0; size < targetBytes; i++) {
    const item = `  {"id": ${i}, "name": "item \\"${i}\\" of the bench", "tags": ["a", "b${i % 7}"], "price": -${i}.25}`;
    items.push(item);
    size += item.length + 2;
  }
  return `[\n${items.join(',\n')}\n]`;
}

export const split = (text: string, size: number) => {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
};

/** Prints the client-stream bench section. */
export default async function run(): Promise<void> {
  const { program } = compile([{ path: 'bench.baml', text: SOURCE }]);
  if (!program) throw new Error('bench source does not compile');
  const server = await startServer();
  const runtime = new BamlRuntime(program);
  const env = { BENCH_BASE_URL: server.url };
  try {
    // 1. Latency: 300 one-character chunks, 2 ms apart, so each is its own partial.
    const chunks = Array.from({ length: 300 }, (_, i) => String.fromCharCode(97 + (i % 26)));
    server.plan({ chunks, gapMs: 2 });
    const received = new Map<number, number>();
    for await (const partial of runtime.stream<string, string>('Text', { input: 'x' }, { env })) {
      if (partial.length > 0 && !received.has(partial.length))
        received.set(partial.length, performance.now());
    }
    const latencies: number[] = [];
    for (const [length, at] of received) {
      const wrote = server.writes[length - 1];
      if (wrote !== undefined) latencies.push(at - wrote);
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `token-to-partial latency over ${latencies.length} chunks: p50 ${percentile(latencies, 0.5).toFixed(3)} ms, ` +
        `p99 ${percentile(latencies, 0.99).toFixed(3)} ms (target p50 < 1 ms)`,
    );

    // 2. Throughput at full speed.
    console.log('| answer | chunks | partials seen | wall | CPU (user+sys, whole process) |');
    console.log('|---|---:|---:|---:|---:|');
    for (const bytes of [100_000, 1_000_000]) {
      const text = itemsJson(bytes);
      const parts = split(text, 8);
      server.plan({ chunks: parts, gapMs: 0 });
      const cpu = process.cpuUsage();
      const started = performance.now();
      const stream = runtime.stream<unknown[], unknown[]>('Items', { input: 'x' }, { env });
      let seen = 0;
      for await (const _ of stream) seen++;
      const final = await stream.getFinalResponse();
      const wall = performance.now() - started;
      const used = process.cpuUsage(cpu);
      if (final.length === 0) throw new Error('empty final value');
      console.log(
        `| ${(text.length / 1000).toFixed(0)} KB | ${parts.length} | ${seen} | ${wall.toFixed(0)} ms | ${((used.user + used.system) / 1000).toFixed(0)} ms |`,
      );
    }
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
