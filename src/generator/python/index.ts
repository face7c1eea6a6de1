// The Python generator: a compiled program (IR) → the 14 modules of a `python/pydantic` (or
// `python/pydantic/v1`) baml_client, laid out like BAML's (spec python-client §2). The client runs
// on the pure-Python baml_py shipped in python/, which drives the tsbaml engine.
import type { GeneratorDef, Program } from '../../ir/types.js';
import { emitClientPy, emitParserPy, emitRuntimePy } from './emit-clients.js';
import { emitStreamTypesPy, emitTypesPy } from './emit-models.js';
import {
  emitConfigPy,
  emitGlobalsPy,
  emitInitPy,
  emitInlinedPy,
  emitTracingPy,
  emitTypeBuilderPy,
  emitTypeMapPy,
  emitWatchersPy,
} from './emit-support.js';
import { PY_HEADER } from './py-doc.js';

export interface GeneratedPyFile {
  path: string;
  content: string;
}

/** Whether `output_type` names a Python generator. */
export const isPythonOutputType = (outputType: string): boolean =>
  outputType === 'python/pydantic' || outputType === 'python/pydantic/v1';

/**
 * The files of a Python client for `program`; `b` comes from the async client unless the
 * generator says `default_client_mode sync` (0.226.2's default is async).
 */
export function generatePythonClient(
  program: Program,
  sources: { path: string; text: string }[],
  generator: GeneratorDef,
): GeneratedPyFile[] {
  const header = PY_HEADER.join('\n');
  const v1 = generator.outputType === 'python/pydantic/v1';
  const mode = generator.defaultClientMode === 'sync' ? 'sync' : 'async';
  const version = generator.version ?? '0.226.2';
  const files: GeneratedPyFile[] = [
    { path: '__init__.py', content: emitInitPy(header, version, mode) },
    { path: 'globals.py', content: emitGlobalsPy(header) },
    {
      path: 'inlinedbaml.py',
      content: emitInlinedPy(
        header,
        [...sources].sort((a, b) => a.path.localeCompare(b.path)),
        program,
      ),
    },
    { path: 'types.py', content: emitTypesPy(header, { program, v1 }) },
    { path: 'stream_types.py', content: emitStreamTypesPy(header, { program, v1 }) },
    { path: 'type_map.py', content: emitTypeMapPy(header, program) },
    { path: 'runtime.py', content: emitRuntimePy(header) },
    { path: 'async_client.py', content: emitClientPy(header, program, 'async') },
    { path: 'sync_client.py', content: emitClientPy(header, program, 'sync') },
    { path: 'parser.py', content: emitParserPy(header, program) },
    { path: 'type_builder.py', content: emitTypeBuilderPy(header, program) },
    { path: 'tracing.py', content: emitTracingPy(header) },
    { path: 'config.py', content: emitConfigPy(header) },
    { path: 'watchers.py', content: emitWatchersPy(header) },
  ];
  return files;
}
