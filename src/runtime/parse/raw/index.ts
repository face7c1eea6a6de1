// Stage A of schema-aligned parsing: LLM text → raw value tree (spec §3.1–3.2).

export { MAX_DEPTH } from './fixing-scanner.js';
export { parseRaw, RawParser } from './raw-parser.js';
export type * from './raw-value.js';
