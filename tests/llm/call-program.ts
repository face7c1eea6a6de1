// A small hand-built program for provider tests: `Extract(input: string) -> string` with
// prompt `{{ input }}`, plus whatever clients and retry policies a test needs.
import type { ClientDef, Program, RetryPolicyDef } from '../../src/ir/types.js';
import type { LlmCallOptions } from '../../src/runtime/llm/index.js';

export function callProgram(
  clients: ClientDef[],
  retryPolicies: RetryPolicyDef[] = [],
  prompt = '{{ input }}',
): Program {
  return {
    irVersion: 1,
    classes: {},
    enums: {},
    typeAliases: {},
    functions: {
      Extract: {
        name: 'Extract',
        params: [{ name: 'input', type: { kind: 'primitive', name: 'string' } }],
        returnType: { kind: 'primitive', name: 'string' },
        client: clients[0]?.name ?? 'X',
        prompt,
      },
    },
    templateStrings: {},
    clients: Object.fromEntries(clients.map((c) => [c.name, c])),
    retryPolicies: Object.fromEntries(retryPolicies.map((r) => [r.name, r])),
    generators: [],
    tests: [],
  };
}

export function callOptions(
  program: Program,
  clientName: string,
  extra: Partial<LlmCallOptions> = {},
): LlmCallOptions {
  return {
    program,
    functionName: 'Extract',
    clientName,
    env: {},
    args: { input: 'Say this is a test' },
    ...extra,
  };
}

/** Collects a stream's events, returning them together with the error that ended it, if any. */
export async function drain<T>(
  iterable: AsyncIterable<T>,
): Promise<{ events: T[]; error: unknown }> {
  const events: T[] = [];
  try {
    for await (const e of iterable) events.push(e);
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  }
}
