// The server side of the hooks' upstream cancel over Next.js server actions (beyond BAML). A
// server action's response stream cannot be cancelled from the browser (no abort signal on the
// action call, no back-channel), so the hook names each streaming call with an id of its own,
// and cancels it with a second action: react/call_registry.ts maps running ids to their
// AbortController, react/server_calls.ts streams under an id, react/server_cancel.ts aborts one.

/** react/call_registry.ts (server only: imported by the two action files, never by a hook). */
export const CALL_REGISTRY = `/** Calls at most in the registry (each map), so that a flood of ids cannot grow it without limit. */
const MAX_CALLS = 10_000
/** How long a cancel that came before its call (two requests in flight) is remembered. */
const EARLY_CANCEL_MS = 60_000

interface CallRegistry {
  /** Running calls by id, oldest first. */
  running: Map<string, AbortController>
  /** Cancels whose call had not started (or had ended), with when they came. */
  cancelled: Map<string, number>
}

/** On globalThis, so that every copy of this module in the server process shares it. */
function registry(): CallRegistry {
  const scope = globalThis as typeof globalThis & { __tsbamlReactCalls?: CallRegistry }
  scope.__tsbamlReactCalls ??= { running: new Map(), cancelled: new Map() }
  return scope.__tsbamlReactCalls
}

function isCallId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 128
}

function dropOldest(map: Map<string, unknown>): void {
  for (const key of map.keys()) {
    map.delete(key)
    return
  }
}

/** A registered call: pass \`signal\` to the BAML call, call \`end()\` when it is over. */
export interface RegisteredCall {
  signal: AbortSignal | undefined
  end: () => void
}

/**
 * Registers a streaming call under the hook's id: its signal aborts when \`cancelCall(callId)\`
 * comes, or at once if that cancel came first. A missing or malformed id registers nothing.
 */
export function beginCall(callId: unknown): RegisteredCall {
  if (!isCallId(callId)) return { signal: undefined, end: () => {} }
  const { running, cancelled } = registry()
  const controller = new AbortController()
  if (cancelled.delete(callId)) {
    controller.abort('cancelled by the client')
    return { signal: controller.signal, end: () => {} }
  }
  running.delete(callId)
  if (running.size >= MAX_CALLS) dropOldest(running)
  running.set(callId, controller)
  const end = () => {
    if (running.get(callId) === controller) running.delete(callId)
  }
  return { signal: controller.signal, end }
}

/** What \`b.stream.Fn(…)\` returns, as far as streamCall uses it. */
interface CallStream {
  getFinalResponse(): Promise<unknown>
  toStreamable(): ReadableStream<Uint8Array>
}

/**
 * Starts a streaming call under \`callId\` (\`start\` passes the options to \`b.stream.Fn\`) and
 * returns its NDJSON stream; the id leaves the registry when the call ends, however it ends.
 * Cancelling the returned stream aborts the call too.
 */
export function streamCall(
  callId: unknown,
  start: (options: { signal?: AbortSignal }) => CallStream,
): ReadableStream<Uint8Array> {
  const call = beginCall(callId)
  const stream = start(call.signal ? { signal: call.signal } : {})
  stream.getFinalResponse().then(call.end, call.end)
  return stream.toStreamable()
}

/** Aborts the call registered under \`callId\` in this server process (a no-op elsewhere). */
export function cancelCall(callId: unknown): void {
  if (!isCallId(callId)) return
  const { running, cancelled } = registry()
  const controller = running.get(callId)
  if (controller) {
    running.delete(callId)
    controller.abort('cancelled by the client')
    return
  }
  const now = Date.now()
  for (const [id, at] of cancelled) {
    if (now - at < EARLY_CANCEL_MS) break
    cancelled.delete(id)
  }
  if (cancelled.size >= MAX_CALLS) dropOldest(cancelled)
  cancelled.set(callId, now)
}
`;
