import type { GeneratorDef, Program } from '../ir/types.js';

/** One `.baml` file: its path (relative to `baml_src/`) and its text. */
export interface BamlSource {
  path: string;
  text: string;
}

/** A file the generator wants written, relative to the output folder. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/**
 * The compiler and generator entry points the CLI needs, behind one interface so commands can be
 * tested with fakes and so the CLI never reaches into compiler internals.
 */
export interface Toolchain {
  loadBamlSources(dir: string): Promise<BamlSource[]>;
  compile(sources: BamlSource[]): { program: Program | null; diagnostics: readonly unknown[] };
  formatDiagnostics(diagnostics: readonly unknown[], sources: BamlSource[]): string;
  generateClient(program: Program, sources: BamlSource[], generator: GeneratorDef): GeneratedFile[];
  writeClient(files: GeneratedFile[], outDir: string): Promise<void>;
}
