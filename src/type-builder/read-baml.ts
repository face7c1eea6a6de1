// `TypeBuilder.addBaml(text)`: the text read as a `type_builder` block (see the compiler's
// type-builder-block.ts) against the program as the builder has it. Any problem throws a
// BamlError whose message shows each diagnostic with its line and a caret, as `tsbaml check`
// prints them, in the pseudo-file `TypeBuilder::add_baml`.
import { DiagnosticSink } from '../compiler/diagnostics/diagnostic.js';
import { formatDiagnostics } from '../compiler/diagnostics/format-diagnostics.js';
import { readTypeBuilderBlock } from '../compiler/phases/2-analyze/type-builder-block.js';
import { BamlError } from '../runtime/errors/index.js';
import type { BamlTypeReader } from '../runtime/type-builder/index.js';

/** The file name diagnostics show for `addBaml` text. */
const FILE = 'TypeBuilder::add_baml';

/**
 * A reader of `addBaml` text whose error message is `label` followed by the diagnostics (the
 * TypeScript builder says `TypeBuilder.addBaml: `; the Python engine link, nothing, as BAML's
 * Python client raises the diagnostics alone).
 */
export function typeBuilderBamlReader(label: string): BamlTypeReader {
  return (baml, program) => {
    const sink = new DiagnosticSink(FILE);
    const read = readTypeBuilderBlock(baml, program, sink);
    if (sink.hasErrors()) {
      const text = formatDiagnostics(sink.diagnostics, [{ path: FILE, text: baml }]);
      throw new BamlError(`${label}${text}`);
    }
    return read;
  };
}

/** Reads `addBaml` text; see the file comment. */
export const readTypeBuilderBaml: BamlTypeReader = typeBuilderBamlReader('TypeBuilder.addBaml: ');
