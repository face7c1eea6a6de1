// Stage A of schema-aligned parsing: LLM text → raw value tree (spec §3.1–3.2).
export type * from './raw-value.js';
export { RawParser, parseRaw } from './raw-parser.js';
export { MAX_DEPTH } from './fixing-scanner.js';
