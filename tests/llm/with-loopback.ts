// A loopback server bound to a vitest file's lifecycle. Kept apart from loopback-server.ts,
// which scripts outside vitest (tests/e2e) import too.

import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type LoopbackServer, startLoopback } from './loopback-server.js';

/**
 * A loopback server for the enclosing test file: started before its tests, its recorded
 * requests cleared before each one (then `reset` runs), closed after.
 */
export function withLoopback(reset?: () => void): LoopbackServer {
  let current: LoopbackServer | undefined;
  const get = () => {
    if (!current) throw new Error('loopback server not started');
    return current;
  };
  beforeAll(async () => {
    current = await startLoopback();
  });
  afterAll(() => current?.close());
  beforeEach(() => {
    get().requests.length = 0;
    reset?.();
  });
  return {
    get baseUrl() {
      return get().baseUrl;
    },
    get requests() {
      return get().requests;
    },
    respond: (...handlers) => get().respond(...handlers),
    close: () => get().close(),
  };
}
