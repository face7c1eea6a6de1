// The input of the compiler, shared by its entry point, the source loader and the diagnostic
// printer (kept apart from ../index.ts so that neither of those imports the entry point).

/** One .baml file: its path (as shown in diagnostics) and its text. */
export interface BamlSource {
  path: string;
  text: string;
}
