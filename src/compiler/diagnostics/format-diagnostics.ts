import type { BamlSource } from '../source/baml-source.js';
import { codeFrame } from '../source/code-frame.js';
import { LineIndex } from '../source/line-index.js';
import type { Diagnostic } from './diagnostic.js';

/**
 * Renders diagnostics like a compiler: `path:line:col: error[code]: message`, the source line
 * with a caret run under the span, and the hint. Diagnostics are separated by blank lines.
 *
 * @example
 * formatDiagnostics(result.diagnostics, sources);
 * // main.baml:3:7: error[unknown_type]: Unknown type `Persn`
 * //   3 |   owner Persn
 * //     |         ^^^^^
 * //   hint: Did you mean `Person`?
 */
export function formatDiagnostics(diagnostics: Diagnostic[], sources: BamlSource[]): string {
  const indexes = new Map<string, LineIndex>();
  const indexFor = (path: string): LineIndex | undefined => {
    let index = indexes.get(path);
    if (!index) {
      const source = sources.find((s) => s.path === path);
      if (!source) return undefined;
      index = new LineIndex(source.text);
      indexes.set(path, index);
    }
    return index;
  };
  return diagnostics
    .map((diagnostic) => {
      const index = indexFor(diagnostic.file);
      const header = `${diagnostic.severity}[${diagnostic.code}]: ${diagnostic.message}`;
      const lines: string[] = [];
      if (index) {
        const { line, column } = index.locate(diagnostic.start);
        lines.push(`${diagnostic.file}:${line}:${column}: ${header}`);
        for (const frameLine of codeFrame(index, diagnostic).split('\n'))
          lines.push(`  ${frameLine}`);
      } else {
        lines.push(`${diagnostic.file}: ${header}`);
      }
      if (diagnostic.hint) lines.push(`  hint: ${diagnostic.hint}`);
      return lines.join('\n');
    })
    .join('\n\n');
}
