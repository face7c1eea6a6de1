// The `vertex-ai` client the Vertex tests start from: a Gemini model behind the loopback server.

import type { ClientDef } from '../../src/ir/types.js';

/** A `vertex-ai` client whose `base_url` is the loopback server's; `options` override. */
export function vertexClient(baseUrl: string, options: Record<string, unknown> = {}): ClientDef {
  return {
    name: 'Vertex',
    provider: 'vertex-ai',
    options: {
      model: 'gemini-2.5-flash',
      base_url: `${baseUrl}/v1/projects/proj/locations/us-central1/publishers/google/models/`,
      ...options,
    } as ClientDef['options'],
  };
}
