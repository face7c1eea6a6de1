import type { Span } from '../source/span.js';
import { type DiagnosticCode, type MessageParams, messages } from './messages.js';

/** One problem found in the sources, located by offsets into `file`. */
export interface Diagnostic {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
  file: string;
  start: number;
  end: number;
}

/**
 * Collects diagnostics for one file so that parsing and analysis can keep going after an error.
 *
 * @example
 * const sink = new DiagnosticSink('baml_src/main.baml');
 * sink.report('unknown_type', node.span, { name: 'Persn' });
 */
export class DiagnosticSink {
  constructor(
    public file: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {}

  /** Records a diagnostic with its catalogued message and hint. */
  report<C extends DiagnosticCode>(code: C, span: Span, params: MessageParams<C>): void {
    const template = messages[code] as {
      severity: 'error' | 'warning';
      message: (p: MessageParams<C>) => string;
      hint?: (p: MessageParams<C>) => string;
    };
    const diagnostic: Diagnostic = {
      code,
      severity: template.severity,
      message: template.message(params),
      file: this.file,
      start: span.start,
      end: Math.max(span.start, span.end),
    };
    if (template.hint) diagnostic.hint = template.hint(params);
    this.diagnostics.push(diagnostic);
  }

  /** True when any error (not warning) has been recorded. */
  hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}
