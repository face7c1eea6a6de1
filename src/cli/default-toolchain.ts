import { compile, type Diagnostic, formatDiagnostics, loadBamlSources } from '../compiler/index.js';
import { generateClient, writeClient } from '../generator/index.js';
import type { Toolchain } from './toolchain.js';

/** The real compiler and generator behind the CLI's `Toolchain` interface. */
export async function loadDefaultToolchain(): Promise<Toolchain> {
  return {
    loadBamlSources,
    compile,
    formatDiagnostics: (diagnostics, sources) =>
      formatDiagnostics(diagnostics as Diagnostic[], sources),
    generateClient,
    writeClient,
  };
}
