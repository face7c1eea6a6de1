// `tsbaml check --from baml_src`: compile the .baml tree and report, without generating code.

import { compile, formatDiagnostics, loadBamlSources } from '../../compiler/index.js';

/**
 * Checks every .baml file under `options.from`. Prints the diagnostics (or
 * `N files checked, no errors`) and returns the process exit code: 0 when there is no error,
 * 1 otherwise. Never throws: unexpected failures are printed as one line.
 *
 * @example
 * process.exitCode = await runCheck({ from: 'baml_src' });
 */
export async function runCheck(options: { from: string }): Promise<number> {
  try {
    let sources: { path: string; text: string }[];
    try {
      sources = await loadBamlSources(options.from);
    } catch (error) {
      const code = (error as { code?: string }).code;
      const reason =
        code === 'ENOENT'
          ? 'no such directory'
          : code === 'ENOTDIR'
            ? 'not a directory'
            : String((error as Error).message ?? error);
      console.error(`error: cannot read ${options.from}: ${reason}`);
      return 1;
    }
    if (sources.length === 0) {
      console.error(`error: no .baml files found under ${options.from}`);
      return 1;
    }
    const { diagnostics } = compile(sources);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    // Errors first: they decide the verdict, so the first location printed is an error's.
    const ordered = [
      ...diagnostics.filter((d) => d.severity === 'error'),
      ...diagnostics.filter((d) => d.severity !== 'error'),
    ];
    if (ordered.length > 0) console.error(`${formatDiagnostics(ordered, sources)}\n`);
    const files = `${sources.length} file${sources.length === 1 ? '' : 's'} checked`;
    if (errors > 0) {
      console.error(
        `${files}, ${errors} error${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`,
      );
      return 1;
    }
    console.log(
      warnings > 0
        ? `${files}, no errors, ${warnings} warning${warnings === 1 ? '' : 's'}`
        : `${files}, no errors`,
    );
    return 0;
  } catch (error) {
    console.error(`error: internal compiler error: ${(error as Error)?.message ?? String(error)}`);
    return 1;
  }
}
