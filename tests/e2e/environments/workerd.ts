// Cloudflare's workerd (npm package `workerd`): the minified bundle as an ES module worker,
// without Node compatibility. Its outbound network allows loopback so it reaches the LLM.

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { E2eServer } from '../llm-server.js';
import type { CheckResult } from '../scenario.js';
import { OUT, ROOT } from './prepare.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function config(port: number): string {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2026-01-01",
  globalOutbound = "internet",
);
`;
}

export async function runInWorkerd(server: E2eServer, bundle: string): Promise<CheckResult[]> {
  const dir = path.join(OUT, 'web');
  const port = await freePort();
  writeFileSync(path.join(dir, 'worker.js'), bundle);
  writeFileSync(path.join(dir, 'workerd.capnp'), config(port));
  const child = spawn(path.join(ROOT, 'node_modules/.bin/workerd'), ['serve', 'workerd.capnp'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  try {
    const url = `http://127.0.0.1:${port}/?base=${encodeURIComponent(server.baseUrl)}`;
    for (let attempt = 0; ; attempt++) {
      if (child.exitCode !== null) throw new Error(`workerd exited: ${output}`);
      try {
        const res = await fetch(url);
        if (!res.ok)
          throw new Error(`workerd answered ${res.status}: ${await res.text()} ${output}`);
        return (await res.json()) as CheckResult[];
      } catch (error) {
        const refused = (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
        if (!refused || attempt > 100) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    child.kill();
  }
}
