// Client strategies (spec §1.3): `retry_policy` (constant or exponential back-off), `fallback`
// (try each client in order, nesting allowed) and `round-robin` (one client per call, rotating).
//
// Which failures move on:
// - a disallowed finish reason and an abort stop everything (BAML: not retried, no fallback);
// - a retry repeats on retryable failures only: 408/409/429/5xx, timeouts, network errors, cut or
//   malformed streams. A 400/401/403/404 would fail the same way again;
// - a fallback moves to the next client on any other failure (a 401 on one provider is a good
//   reason to try the next).

import type { ClientDef, RetryPolicyDef } from '../../ir/types.js';
import { abortErrorFor } from '../errors/baml-abort-error.js';
import {
  BamlAbortError,
  BamlClientFinishReasonError,
  BamlClientHttpError,
  BamlError,
  BamlInvalidArgumentError,
} from '../errors/index.js';
import { resolveConfigValue } from './config-value.js';
import { resolveClient } from './resolve-client.js';
import type { AttemptRecord, LlmCallOptions } from './types.js';

/** Round-robin positions, per client name, shared by every call in this process. */
const roundRobinCounters = new Map<string, number>();

/** Resets round-robin positions (tests). */
export function resetRoundRobin(): void {
  roundRobinCounters.clear();
}

function isFatal(error: unknown): boolean {
  return (
    BamlClientFinishReasonError.isInstance(error) ||
    BamlAbortError.isInstance(error) ||
    BamlInvalidArgumentError.isInstance(error) ||
    // Template errors are the same on every attempt.
    (BamlError.isInstance(error) && (error as Error).name === 'BamlError')
  );
}

function isRetryable(error: unknown): boolean {
  if (isFatal(error)) return false;
  if (BamlClientHttpError.isInstance(error)) return error.isRetryable;
  return true;
}

/** Delay before retry number `retry` (1-based). */
export function retryDelay(policy: RetryPolicyDef, retry: number): number {
  const s = policy.strategy;
  if (s.type === 'constant_delay') return s.delayMs;
  return Math.min(s.delayMs * s.multiplier ** (retry - 1), s.maxDelayMs);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return signal?.aborted ? Promise.reject(abortErrorFor(signal)) : Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortErrorFor(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** How deep fallback / round-robin clients may nest before a cycle is assumed. */
export const MAX_STRATEGY_DEPTH = 20;

/** The client names of a fallback or round-robin client's `strategy`, resolved against `env`. */
export function strategyList(client: ClientDef, env: LlmCallOptions['env']): string[] {
  const raw = resolveConfigValue(client.options.strategy ?? [], env);
  if (!Array.isArray(raw) || raw.length === 0 || !raw.every((x) => typeof x === 'string'))
    throw new BamlInvalidArgumentError(
      `client ${client.name}: ${client.provider} needs options { strategy [ClientA, ClientB] }`,
    );
  return raw as string[];
}

/** The entry of `list` at `position` (rounded down), wrapping around in both directions. */
export function wrappedEntry(list: readonly string[], position: number): string {
  const index = Math.floor(position) % list.length;
  return list[index < 0 ? index + list.length : index] as string;
}

/** A leaf attempt: `delayMs` is the back-off waited just before it. */
export type LeafRunner<T> = (client: ClientDef, delayMs: number) => Promise<T>;

/** Describes an attempt history for `detailed_message`. */
export function describeAttempts(attempts: AttemptRecord[]): string {
  return attempts
    .map((a) => {
      const status = a.status !== undefined ? ` status=${a.status}` : '';
      const outcome = a.ok ? 'ok' : `${a.errorName ?? 'Error'}: ${a.error ?? ''}`;
      return `Attempt ${a.attempt}: client=${a.clientName} provider=${a.provider}${status} delay=${a.delayMs}ms (${a.durationMs}ms) -> ${outcome}`;
    })
    .join('\n');
}

/**
 * Runs `clientName` under its strategy, calling `leaf` for each HTTP attempt. On failure the
 * last error is thrown with `detailed_message` listing every attempt.
 */
export async function runWithStrategy<T>(
  call: LlmCallOptions,
  clientName: string,
  attempts: AttemptRecord[],
  leaf: LeafRunner<T>,
): Promise<T> {
  let pendingDelay = 0;

  const run = async (name: string, depth: number): Promise<T> => {
    if (depth > MAX_STRATEGY_DEPTH)
      throw new BamlInvalidArgumentError(
        `client ${clientName}: strategies nest too deeply (cycle?)`,
      );
    const client = resolveClient(call, name);
    const policy = client.retryPolicy ? call.program.retryPolicies[client.retryPolicy] : undefined;
    if (client.retryPolicy && !policy)
      throw new BamlInvalidArgumentError(`retry_policy ${client.retryPolicy} not found`);
    const tries = 1 + (policy?.maxRetries ?? 0);
    let lastError: unknown;
    for (let i = 0; i < tries; i++) {
      if (i > 0 && policy) {
        const delay = retryDelay(policy, i);
        await sleep(delay, call.signal);
        pendingDelay += delay;
      }
      try {
        return await runOnce(client, depth);
      } catch (error) {
        lastError = error;
        if (!isRetryable(error)) throw error;
      }
    }
    throw lastError;
  };

  const runOnce = async (client: ClientDef, depth: number): Promise<T> => {
    if (client.provider === 'fallback') {
      let lastError: unknown;
      for (const child of strategyList(client, call.env)) {
        try {
          return await run(child, depth + 1);
        } catch (error) {
          lastError = error;
          if (isFatal(error)) throw error;
        }
      }
      throw lastError;
    }
    if (client.provider === 'round-robin') {
      const list = strategyList(client, call.env);
      let index = roundRobinCounters.get(client.name);
      if (index === undefined) {
        const start = resolveConfigValue(client.options.start ?? null, call.env);
        index = typeof start === 'number' ? start : Math.floor(Math.random() * list.length);
      }
      roundRobinCounters.set(client.name, index + 1);
      return run(wrappedEntry(list, index), depth + 1);
    }
    const delay = pendingDelay;
    pendingDelay = 0;
    return leaf(client, delay);
  };

  try {
    return await run(clientName, 0);
  } catch (error) {
    if (BamlError.isInstance(error) && attempts.length > 1) {
      error.detailed_message = `${error.message}\n\nAttempts (${attempts.length}):\n${describeAttempts(attempts)}`;
    }
    throw error;
  }
}
