// Timeout options (BAML's `http { … }` block, or the same keys at the top level of options).

import type { ResolvedValue } from './config-value.js';

export interface Timeouts {
  /** Whole request, headers to last byte. */
  requestMs?: number;
  /** Until response headers arrive. */
  connectMs?: number;
  /** Streaming: until the first text delta. */
  firstTokenMs?: number;
  /** Streaming: longest gap between two events. */
  idleMs?: number;
}

function num(value: ResolvedValue | undefined): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}

/** Reads the timeout options of a client. */
export function readTimeouts(options: Record<string, ResolvedValue>): Timeouts {
  const http =
    options.http && typeof options.http === 'object' && !Array.isArray(options.http)
      ? options.http
      : {};
  const pick = (key: string) => num(http[key]) ?? num(options[key]);
  const out: Timeouts = {};
  const requestMs = pick('request_timeout_ms');
  const connectMs = pick('connect_timeout_ms');
  const firstTokenMs = pick('time_to_first_token_timeout_ms');
  const idleMs = pick('idle_timeout_ms');
  if (requestMs !== undefined) out.requestMs = requestMs;
  if (connectMs !== undefined) out.connectMs = connectMs;
  if (firstTokenMs !== undefined) out.firstTokenMs = firstTokenMs;
  if (idleMs !== undefined) out.idleMs = idleMs;
  return out;
}
