// For every recorded conformance case: compile the case's BAML, build the streaming request
// the way `b.streamRequest.Fn()` would, and compare url / method / body with what real BAML
// 0.226.2 sent. Known failures are listed in known-request-failures.json; the list is a ratchet
// (an unlisted failure fails, and so does a listed case that now passes).

import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRequest } from '../../src/runtime/llm/index.js';
import {
  type ConformanceCase,
  compileConformanceCase,
  conformanceCases,
} from '../support/conformance-cases.js';

const KNOWN: { id: string; reason: string }[] = JSON.parse(
  readFileSync(new URL('./known-request-failures.json', import.meta.url), 'utf8'),
);
const knownIds = new Set(KNOWN.map((k) => k.id));

/** The parts of a recording this suite compares against. */
interface RequestExpectations {
  stream_request: { url: string; method: string; body: unknown };
  call?: { request?: unknown };
}

const byId = new Map(conformanceCases().map((c) => [c.id, c]));
const cases = [...byId.keys()].sort();

/** Deep equality that ignores object key order but not array order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

async function check(id: string): Promise<string | null> {
  const c = byId.get(id) as ConformanceCase;
  const expectedRequests = c.expected as RequestExpectations;
  const program = compileConformanceCase(c);
  const fn = program.functions[c.function];
  if (!fn) return `function ${c.function} missing`;
  const options = {
    program,
    functionName: c.function,
    clientName: fn.client,
    env: { ORACLE_BASE_URL: 'http://127.0.0.1:PORT/v1' },
    args: c.args,
  };
  const request = await buildRequest(options, undefined, { stream: true });
  const actual = { url: request.url, method: request.method, body: canonical(request.body.json()) };
  const expected = {
    ...expectedRequests.stream_request,
    body: canonical(expectedRequests.stream_request.body),
  };
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    return `request differs:\n  expected ${JSON.stringify(expected)}\n  actual   ${JSON.stringify(actual)}`;
  }
  // The non-streaming body BAML sent for `b.Fn()` (no `stream` field), when recorded.
  const callBody = expectedRequests.call?.request;
  if (callBody !== undefined) {
    const plain = await buildRequest(options);
    const got = JSON.stringify(canonical(plain.body.json()));
    if (got !== JSON.stringify(canonical(callBody)))
      return `non-streaming body differs:\n  expected ${JSON.stringify(callBody)}\n  actual   ${got}`;
  }
  return null;
}

let passed = 0;

describe('conformance: streaming request equals what BAML sent', () => {
  it.each(cases)('%s', async (id) => {
    let problem: string | null;
    try {
      problem = await check(id);
    } catch (error) {
      problem = `threw: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (problem === null) passed++;
    if (knownIds.has(id)) {
      expect(
        problem,
        `${id} is listed in known-request-failures.json but now passes: remove it`,
      ).not.toBeNull();
    } else {
      expect(problem, problem ?? '').toBeNull();
    }
  });

  it('lists only existing cases as known failures', () => {
    for (const k of KNOWN) expect(cases, `unknown case ${k.id}`).toContain(k.id);
  });

  afterAll(() => {
    console.log(
      `conformance requests: ${passed}/${cases.length} match BAML 0.226.2 (${KNOWN.length} known failures)`,
    );
  });
});
