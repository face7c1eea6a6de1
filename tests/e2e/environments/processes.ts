// Bun, Deno and Node 20: the generated client as source, run by each runtime from the npm
// packages `bun` and `deno` (their binaries come with the package) and by Node through tsx.
// Deno runs with loopback network access only: no --allow-env, no --sloppy-imports.

import { execFile } from 'node:child_process';
import path from 'node:path';
import type { CheckResult } from '../scenario.js';
import type { Prepared } from './prepare.js';
import { ROOT } from './prepare.js';

const bin = (name: string) => path.join(ROOT, 'node_modules/.bin', name);

export function commands(prepared: Prepared, base: string): Record<string, string[]> {
  return {
    bun: [bin('bun'), 'run', prepared.webCli, base],
    deno: [
      bin('deno'),
      'run',
      '--no-prompt',
      '--allow-net=127.0.0.1',
      `--allow-read=${ROOT}`,
      '--config',
      prepared.denoConfig,
      prepared.denoCli,
      base,
    ],
    node: [bin('tsx'), prepared.webCli, base],
  };
}

export function runProcess(command: string[]): Promise<CheckResult[]> {
  const [file, ...args] = command;
  return new Promise((resolve, reject) => {
    execFile(file!, args, { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(last) as CheckResult[]);
      } catch {
        reject(new Error(`${error?.message ?? 'no results'}\n${stdout}\n${stderr}`.trim()));
      }
    });
  });
}
