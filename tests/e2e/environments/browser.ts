// Chromium (Debian's package, driven by playwright-core): the minified bundle in a page served
// by the loopback server, so the page and the LLM share an origin.

import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { E2eServer } from '../llm-server.js';
import type { CheckResult } from '../scenario.js';

/** Debian's chromium, or `CHROMIUM_PATH`. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

/** Loads `bundle` in a page of the loopback server, then runs `globalThis[entry](origin)`. */
export async function runInChromium(
  server: E2eServer,
  bundle: string,
  entry = 'runScenario',
): Promise<CheckResult[]> {
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new Error('no chromium: apt-get install chromium, or set CHROMIUM_PATH');
  server.files.set('/index.html', {
    type: 'text/html',
    body: '<!doctype html><div id="root"></div><script type="module" src="/bundle.js"></script>',
  });
  server.files.set('/bundle.js', { type: 'text/javascript', body: bundle });
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.baseUrl);
    await page
      .waitForFunction((name) => name in globalThis, entry, { timeout: 10_000 })
      .catch(() => {
        throw new Error(`the bundle did not load: ${errors.join('; ') || 'no error reported'}`);
      });
    return await page.evaluate(([name, base]) => (globalThis as any)[name](base), [
      entry,
      server.baseUrl,
    ] as const);
  } finally {
    await browser.close();
  }
}
