// `retry_policy Name { max_retries 3  strategy { type exponential_backoff … } }`, with BAML's
// defaults: constant_delay 200 ms; exponential_backoff 200 ms × 1.5 capped at 10 s.

import type { RetryPolicyDef, RetryStrategy } from '../../../ir/types.js';
import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import type { ConfigBlockDecl, ConfigEntry } from '../1-parse/ast.js';
import { configValue } from './config-values.js';
import { readProperties } from './properties.js';

const POLICY_PROPERTIES = new Set(['max_retries', 'strategy']);
const STRATEGY_PROPERTIES = new Set(['type', 'delay_ms', 'multiplier', 'max_delay_ms']);

function numberProperty(
  properties: Map<string, ConfigEntry>,
  key: string,
  fallback: number,
  sink: DiagnosticSink,
  integer: boolean,
): number {
  const entry = properties.get(key);
  if (!entry) return fallback;
  const value = configValue(entry.value);
  if (typeof value !== 'number' || value < 0 || (integer && !Number.isInteger(value))) {
    sink.report('invalid_property_value', entry.value, {
      property: key,
      expected: integer ? 'a non-negative integer' : 'a non-negative number',
    });
    return fallback;
  }
  return value;
}

/** Lowers a retry policy. */
export function lowerRetryPolicy(decl: ConfigBlockDecl, sink: DiagnosticSink): RetryPolicyDef {
  const block = `retry_policy \`${decl.name.value}\``;
  const properties = readProperties(decl.entries, block, POLICY_PROPERTIES, sink);
  const maxRetries = numberProperty(properties, 'max_retries', 0, sink, true);
  let strategy: RetryStrategy = { type: 'constant_delay', delayMs: 200 };
  const strategyEntry = properties.get('strategy');
  if (strategyEntry) {
    if (strategyEntry.value.kind !== 'map') {
      sink.report('invalid_property_value', strategyEntry.value, {
        property: 'strategy',
        expected: 'a block `{ type … }`',
      });
    } else {
      // BAML ignores keys it does not know inside `strategy` (real projects misspell them).
      const known = strategyEntry.value.entries.filter((e) => STRATEGY_PROPERTIES.has(e.key.value));
      const inner = readProperties(known, 'strategy', STRATEGY_PROPERTIES, sink);
      const typeEntry = inner.get('type');
      const type = typeEntry ? configValue(typeEntry.value) : 'constant_delay';
      const delayMs = numberProperty(inner, 'delay_ms', 200, sink, false);
      if (type === 'exponential_backoff') {
        strategy = {
          type,
          delayMs,
          multiplier: numberProperty(inner, 'multiplier', 1.5, sink, false),
          maxDelayMs: numberProperty(inner, 'max_delay_ms', 10_000, sink, false),
        };
      } else {
        if (type !== 'constant_delay' && typeEntry) {
          sink.report('invalid_property_value', typeEntry.value, {
            property: 'type',
            expected: '`constant_delay` or `exponential_backoff`',
          });
        }
        strategy = { type: 'constant_delay', delayMs };
      }
    }
  }
  return { name: decl.name.value, maxRetries, strategy };
}
