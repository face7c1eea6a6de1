// BAML_PASSWORD authentication (spec §6): when a password is set, every route except the
// status route and a bare `/_debug/ping` needs either `x-baml-api-key: <password>` or HTTP
// basic auth with any user name and the password. Failures are 403 text/plain with BAML's texts.

/** The outcome of checking one request. */
export type AuthOutcome = { ok: true } | { ok: false; reason: string };

/** Checks `request` against `password`; with no password everything passes. */
export function checkAuth(request: Request, password: string | undefined): AuthOutcome {
  if (!password) return { ok: true };
  const apiKey = request.headers.get('x-baml-api-key');
  if (apiKey !== null) {
    return constantTimeEqual(apiKey, password)
      ? { ok: true }
      : { ok: false, reason: 'Incorrect x-baml-api-key' };
  }
  const authorization = request.headers.get('authorization');
  if (authorization?.toLowerCase().startsWith('basic ')) {
    const decoded = decodeBase64(authorization.slice(6).trim());
    const colon = decoded?.indexOf(':') ?? -1;
    const given = decoded !== null && colon >= 0 ? decoded.slice(colon + 1) : '';
    return decoded !== null && colon >= 0 && constantTimeEqual(given, password)
      ? { ok: true }
      : { ok: false, reason: 'Incorrect password provided in basic auth' };
  }
  return { ok: false, reason: 'No authorization metadata' };
}

function decodeBase64(text: string): string | null {
  try {
    const binary = atob(text);
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/**
 * Compares without returning early on the first differing byte, so the time taken does not tell
 * an attacker how much of a guess was right. (Web APIs only: this handler also runs off Node.)
 */
export function constantTimeEqual(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}
