import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseEnv } from 'node:util';

/**
 * Loads `<dir>/.env` into `env` without overriding variables that are already set, as
 * `baml-cli serve` does. Returns the names it set (never the values: they are usually secrets).
 */
export async function loadDotenv(
  dir: string,
  env: Record<string, string | undefined>,
): Promise<string[]> {
  const text = await readFile(path.join(dir, '.env'), 'utf8').catch(() => null);
  if (text === null) return [];
  const set: string[] = [];
  for (const [key, value] of Object.entries(parseEnv(text))) {
    if (env[key] === undefined && value !== undefined) {
      env[key] = value;
      set.push(key);
    }
  }
  return set;
}
