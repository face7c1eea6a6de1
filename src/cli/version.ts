import { readFileSync } from 'node:fs';

/** The BAML release whose behaviour tsbaml reproduces (spec §0). */
export const BAML_COMPAT_VERSION = '0.226.2';

let cached: string | undefined;

/**
 * tsbaml's own version, read from package.json. Both src/cli/version.ts (tests, tsx) and
 * dist/cli/version.js (the built binary) sit two folders below the package root.
 */
export function tsbamlVersion(): string {
  if (cached !== undefined) return cached;
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    const version = (JSON.parse(text) as { version?: unknown }).version;
    cached = typeof version === 'string' ? version : '0.0.0';
  } catch {
    cached = '0.0.0';
  }
  return cached;
}
