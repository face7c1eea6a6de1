import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import type { ConfigEntry } from '../1-parse/ast.js';

/**
 * The entries of a block with a fixed set of properties (function body, client, retry policy,
 * test), by key. Unknown and repeated keys are reported; the first occurrence wins.
 */
export function readProperties(
  entries: ConfigEntry[],
  block: string,
  allowed: ReadonlySet<string> | undefined,
  sink: DiagnosticSink,
): Map<string, ConfigEntry> {
  const properties = new Map<string, ConfigEntry>();
  for (const entry of entries) {
    const key = entry.key.value;
    if (allowed && !allowed.has(key)) {
      sink.report('unknown_property', entry.key, { block, property: key });
    } else if (properties.has(key)) {
      sink.report('duplicate_property', entry.key, { property: key });
    } else {
      properties.set(key, entry);
    }
  }
  return properties;
}
