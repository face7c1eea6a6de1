import { dedent } from '../dedent.js';

/**
 * Normalises a `@description` for the schema text. Raw-string descriptions
 * (`#"\n    multi\n    line desc\n  "#`) are dedented and trimmed like prompts, so each line
 * becomes one `// …` comment. Idempotent on already-clean text.
 */
export function dedentDescription(text: string): string {
  return dedent(text).trim();
}
