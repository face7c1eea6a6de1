// `npm run bench -- serve`: `tsbaml serve` under 500 concurrent /stream clients on loopback
// against a fake OpenAI provider, per stream protocol: wall time, bytes on the wire, heap after
// the run, and upstream connections left open (must be 0). Then the bytes a single long answer
// costs in each protocol, which is where BAML's snapshot-per-event stream grows quadratically.
import { answerOf, startLoadRig } from '../tests/server/load-harness.js';

const CLIENTS = 500;

export default async function bench(): Promise<void> {
  const rig = await startLoadRig({ tokens: 20, tokensPerSecond: 200 });
  try {
    console.log(`${CLIENTS} concurrent clients, ${answerOf(20).length}-byte answer`);
    console.log('protocol | completed | failed | wall ms | MB received | heap MB | upstream open');
    for (const protocol of ['baml', 'events', 'patch'] as const) {
      const report = await rig.run({ clients: CLIENTS, protocol });
      const heap = process.memoryUsage().heapUsed / 1048576;
      console.log(
        `${protocol.padEnd(8)} | ${report.completed} | ${report.failed} | ${report.ms} | ${(report.bytes / 1048576).toFixed(1)} | ${heap.toFixed(0)} | ${report.upstreamOpen}`,
      );
    }
    const early = await rig.run({ clients: CLIENTS, protocol: 'events', disconnectEarly: true });
    console.log(
      `disconnect after first event: upstream requests ${early.upstreamRequests}, still open ${early.upstreamOpen}`,
    );
  } finally {
    await rig.close();
  }

  console.log('\nbytes for one streamed answer (one client), by protocol');
  console.log('answer tokens | answer bytes | baml | events | patch');
  for (const tokens of [200, 800, 3200]) {
    const row = [String(tokens), String(answerOf(tokens).length)];
    const single = await startLoadRig({ tokens, tokensPerSecond: 20_000 });
    try {
      for (const protocol of ['baml', 'events', 'patch'] as const) {
        row.push(String((await single.run({ clients: 1, protocol })).bytes));
      }
    } finally {
      await single.close();
    }
    console.log(row.join(' | '));
  }
}
