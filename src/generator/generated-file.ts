// What a generator produces, shared by the generator's entry point and the writer (kept apart
// from ./index.ts so that the writer does not import the entry point).

/** One generated file, by path relative to the output folder (`baml_client/`). */
export interface GeneratedFile {
  path: string;
  content: string;
}
