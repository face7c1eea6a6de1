import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import the runtime from source: a generated client's `import ... from "tsbaml"`
// resolves to src/runtime/index.ts (and "tsbaml/type-builder" to src/type-builder/index.ts), so
// no build step is needed to run the suite.
export default defineConfig({
  resolve: {
    alias: [
      {
        find: /^tsbaml\/type-builder$/,
        replacement: fileURLToPath(new URL('./src/type-builder/index.ts', import.meta.url)),
      },
      {
        find: /^tsbaml\/browser$/,
        replacement: fileURLToPath(new URL('./src/runtime/browser/index.ts', import.meta.url)),
      },
      {
        find: /^tsbaml$/,
        replacement: fileURLToPath(new URL('./src/runtime/index.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
