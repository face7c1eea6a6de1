// The small modules of a generated Python client: __init__.py, globals.py, inlinedbaml.py,
// type_map.py, type_builder.py, tracing.py, config.py and watchers.py (spec python-client §2, §7).
import type { Program } from '../../ir/types.js';
import { PyDoc, pyStr } from './py-doc.js';

const RUNTIME = 'DO_NOT_USE_DIRECTLY_UNLESS_YOU_KNOW_WHAT_YOURE_DOING_RUNTIME';
const CTX = 'DO_NOT_USE_DIRECTLY_UNLESS_YOU_KNOW_WHAT_YOURE_DOING_CTX';

const sorted = (names: Iterable<string>) => [...names].sort();

export function emitInitPy(header: string, version: string, mode: 'sync' | 'async'): string {
  const doc = new PyDoc().line(header).line();
  doc.line(`__version__ = ${pyStr(version)}`);
  doc.line();
  doc.block('try:', () => doc.line('from baml_py.safe_import import EnsureBamlPyImport'));
  doc.block('except ImportError:', () => {
    doc.line('raise ImportError(');
    doc.line(
      '    "baml_client needs baml_py: install the one shipped with tsbaml (pip install <tsbaml>/python)"',
    );
    doc.line(')');
  });
  doc.line();
  doc.block('with EnsureBamlPyImport(__version__) as e:', () => {
    doc.line('e.raise_if_incompatible_version(__version__)');
    doc.line();
    doc.line('from . import types');
    doc.line('from . import tracing');
    doc.line('from . import stream_types');
    doc.line('from . import config');
    doc.line('from .config import reset_baml_env_vars');
    doc.line();
    doc.line(`from .${mode}_client import b`);
    doc.line();
    doc.line('from . import watchers');
  });
  doc.line();
  doc.line('# Legacy name of stream_types.');
  doc.line('partial_types = stream_types');
  doc.line();
  doc.line('__all__ = [');
  for (const n of [
    'b',
    'stream_types',
    'partial_types',
    'tracing',
    'types',
    'reset_baml_env_vars',
    'config',
    'watchers',
  ])
    doc.line(`    ${pyStr(n)},`);
  doc.line(']');
  return doc.toString();
}

export function emitGlobalsPy(header: string): string {
  const doc = new PyDoc().line(header).line();
  doc.line('import os');
  doc.line('import typing');
  doc.line('import warnings');
  doc.line();
  doc.line('from baml_py import BamlCtxManager, BamlRuntime');
  doc.line();
  doc.line('from .inlinedbaml import get_baml_files, get_baml_ir');
  doc.line();
  doc.line(`${RUNTIME} = BamlRuntime.from_files(`);
  doc.line('    "baml_src",');
  doc.line('    get_baml_files(),');
  doc.line('    os.environ.copy(),');
  doc.line('    ir=get_baml_ir(),');
  doc.line('    client_dir=os.path.dirname(os.path.abspath(__file__)),');
  doc.line('    package=__package__,');
  doc.line(')');
  doc.line(`${CTX} = BamlCtxManager(${RUNTIME})`);
  doc.line();
  doc.line();
  doc.block('def reset_baml_env_vars(env: typing.Dict[str, str]) -> None:', () => {
    doc.line('warnings.warn(');
    doc.line(
      '    "reset_baml_env_vars is deprecated: environment variables are read on every call",',
    );
    doc.line('    DeprecationWarning,');
    doc.line('    stacklevel=2,');
    doc.line(')');
  });
  return doc.toString();
}

export function emitInlinedPy(
  header: string,
  sources: { path: string; text: string }[],
  program: Program,
): string {
  const doc = new PyDoc().line(header).line();
  doc.line('import typing');
  doc.line();
  doc.line('_file_map: typing.Dict[str, str] = {');
  for (const s of sources) doc.line(`    ${pyStr(s.path)}: ${pyStr(s.text)},`);
  doc.line('}');
  doc.line();
  doc.line('# The compiled program (tsbaml IR) the engine runs.');
  doc.line(`_ir: str = ${pyStr(JSON.stringify(program))}`);
  doc.line();
  doc.line();
  doc.block('def get_baml_files() -> typing.Dict[str, str]:', () => doc.line('return _file_map'));
  doc.line();
  doc.line();
  doc.block('def get_baml_ir() -> str:', () => doc.line('return _ir'));
  return doc.toString();
}

export function emitTypeMapPy(header: string, program: Program): string {
  const doc = new PyDoc().line(header).line();
  doc.line('import typing');
  doc.line();
  doc.line('from . import stream_types, types');
  doc.line();
  doc.line('type_map: typing.Dict[str, typing.Any] = {');
  for (const name of sorted(Object.keys(program.classes))) {
    doc.line(`    ${pyStr(`types.${name}`)}: types.${name},`);
    doc.line(`    ${pyStr(`stream_types.${name}`)}: stream_types.${name},`);
  }
  for (const name of sorted(Object.keys(program.enums)))
    doc.line(`    ${pyStr(`types.${name}`)}: types.${name},`);
  doc.line('}');
  return doc.toString();
}

export function emitTracingPy(header: string): string {
  const doc = new PyDoc().line(header).line();
  doc.line('import typing');
  doc.line();
  doc.line(`from .globals import ${CTX}`);
  doc.line();
  doc.line(`trace = ${CTX}.trace_fn`);
  doc.line(`set_tags = ${CTX}.upsert_tags`);
  doc.line();
  doc.line();
  doc.block('def flush() -> None:', () => doc.line(`${CTX}.flush()`));
  doc.line();
  doc.line();
  doc.line(`on_log_event = ${CTX}.on_log_event`);
  doc.line();
  doc.line('__all__ = ["trace", "set_tags", "flush", "on_log_event"]');
  return doc.toString();
}

export function emitConfigPy(header: string): string {
  const doc = new PyDoc().line(header).line();
  doc.line(
    'from baml_py.logging import get_log_level, set_log_level, set_log_json_mode, set_log_max_chunk_length',
  );
  doc.line();
  doc.line('from .globals import reset_baml_env_vars');
  doc.line();
  doc.line(
    '__all__ = ["get_log_level", "set_log_level", "set_log_json_mode", "set_log_max_chunk_length", "reset_baml_env_vars"]',
  );
  return doc.toString();
}

export function emitWatchersPy(header: string): string {
  const doc = new PyDoc().line(header).line();
  doc.line('import typing');
  doc.line();
  doc.line();
  doc.block('class BlockEvent:', () => {
    doc.block('def __init__(self, block_label: str, event_type: str) -> None:', () => {
      doc.line('self.block_label = block_label');
      doc.line('self.event_type = event_type');
    });
  });
  doc.line();
  doc.line();
  doc.block('class VarEvent:', () => {
    doc.block('def __init__(self, variable_name: str, value: typing.Any) -> None:', () => {
      doc.line('self.variable_name = variable_name');
      doc.line('self.value = value');
    });
  });
  doc.line();
  doc.line();
  doc.line('BlockHandler = typing.Callable[[BlockEvent], None]');
  doc.line('VarHandler = typing.Callable[[VarEvent], None]');
  return doc.toString();
}

/**
 * A class of type_builder.py for a schema class or enum (`…Builder` when `@@dynamic`, else
 * `…Viewer`): its member names in `listName`, its handle from the engine's TypeBuilder
 * (`tb._tb.<handle>(name)`) and `type()`; `body` writes the rest.
 */
function accessorClass(
  doc: PyDoc,
  name: string,
  dynamic: boolean | undefined,
  listName: '_PROPERTIES' | '_VALUES',
  members: string[],
  handle: 'class_' | 'enum',
  body: () => void,
): void {
  doc.line();
  doc.line();
  doc.block(`class ${name}${dynamic ? 'Builder' : 'Viewer'}:`, () => {
    doc.line(`${listName}: typing.List[str] = [${members.map(pyStr).join(', ')}]`);
    doc.line();
    doc.block('def __init__(self, tb: type_builder.TypeBuilder) -> None:', () => {
      doc.line(`self._bldr = tb._tb.${handle}(${pyStr(name)})`);
    });
    doc.line();
    doc.block('def type(self) -> FieldType:', () => doc.line('return self._bldr.field()'));
    doc.line();
    body();
  });
}

/** type_builder.py: the TypeBuilder with a viewer (or, for `@@dynamic`, a builder) per type. */
export function emitTypeBuilderPy(header: string, program: Program): string {
  const classes = sorted(Object.keys(program.classes));
  const enums = sorted(Object.keys(program.enums));
  const doc = new PyDoc().line(header).line();
  doc.line('import typing');
  doc.line();
  doc.line('from baml_py import type_builder');
  doc.line(
    'from baml_py.baml_py import ClassBuilder, ClassPropertyBuilder, EnumBuilder, EnumValueBuilder, FieldType',
  );
  doc.line();
  doc.line(`from .globals import ${RUNTIME}`);
  doc.line();
  doc.line();
  doc.block('class TypeBuilder(type_builder.TypeBuilder):', () => {
    doc.block('def __init__(self) -> None:', () => {
      doc.line('super().__init__(');
      doc.line(`    classes=set([${classes.map(pyStr).join(', ')}]),`);
      doc.line(`    enums=set([${enums.map(pyStr).join(', ')}]),`);
      doc.line(`    runtime=${RUNTIME},`);
      doc.line(')');
    });
    for (const name of classes) {
      const kind = program.classes[name]!.dynamic ? 'Builder' : 'Viewer';
      doc.line();
      doc.line('@property');
      doc.block(`def ${name}(self) -> "${name}${kind}":`, () =>
        doc.line(`return ${name}${kind}(self)`),
      );
    }
    for (const name of enums) {
      const kind = program.enums[name]!.dynamic ? 'Builder' : 'Viewer';
      doc.line();
      doc.line('@property');
      doc.block(`def ${name}(self) -> "${name}${kind}":`, () =>
        doc.line(`return ${name}${kind}(self)`),
      );
    }
  });
  for (const name of classes) {
    const def = program.classes[name]!;
    const members = def.fields.map((f) => f.name);
    accessorClass(doc, name, def.dynamic, '_PROPERTIES', members, 'class_', () => {
      if (def.dynamic) {
        doc.block(
          'def add_property(self, name: str, type: FieldType) -> ClassPropertyBuilder:',
          () => {
            doc.block('if name in self._PROPERTIES:', () =>
              doc.line(`raise ValueError(f"Property {name} already exists on ${name}.")`),
            );
            doc.line('return self._bldr.add_property(name, type)');
          },
        );
        doc.line();
        doc.block('def property(self, name: str) -> ClassPropertyBuilder:', () =>
          doc.line('return self._bldr.property(name)'),
        );
        doc.line();
        doc.block(
          'def list_properties(self) -> typing.List[typing.Tuple[str, ClassPropertyBuilder]]:',
          () =>
            doc.line(
              'return [(n, self._bldr.property(n)) for n in self._PROPERTIES] + self._bldr.list_properties()',
            ),
        );
        doc.line();
        doc.block('def remove_property(self, name: str) -> None:', () =>
          doc.line('self._bldr.remove_property(name)'),
        );
        doc.line();
        doc.block('def reset(self) -> None:', () => doc.line('self._bldr.reset()'));
      } else {
        doc.block(
          'def list_properties(self) -> typing.List[typing.Tuple[str, type_builder.ClassPropertyViewer]]:',
          () =>
            doc.line(
              'return [(n, type_builder.ClassPropertyViewer(self._bldr.property(n))) for n in self._PROPERTIES]',
            ),
        );
      }
    });
  }
  for (const name of enums) {
    const def = program.enums[name]!;
    const members = def.values.map((v) => v.name);
    accessorClass(doc, name, def.dynamic, '_VALUES', members, 'enum', () => {
      if (def.dynamic) {
        doc.block('def add_value(self, name: str) -> EnumValueBuilder:', () => {
          doc.block('if name in self._VALUES:', () =>
            doc.line(`raise ValueError(f"Value {name} already exists on ${name}.")`),
          );
          doc.line('return self._bldr.add_value(name)');
        });
        doc.line();
        doc.block('def value(self, name: str) -> EnumValueBuilder:', () =>
          doc.line('return self._bldr.value(name)'),
        );
        doc.line();
        doc.block(
          'def list_values(self) -> typing.List[typing.Tuple[str, EnumValueBuilder]]:',
          () =>
            doc.line(
              'return [(n, self._bldr.value(n)) for n in self._VALUES] + self._bldr.list_values()',
            ),
        );
      } else {
        doc.block(
          'def list_values(self) -> typing.List[typing.Tuple[str, type_builder.EnumValueViewer]]:',
          () =>
            doc.line(
              'return [(n, type_builder.EnumValueViewer(self._bldr.value(n))) for n in self._VALUES]',
            ),
        );
      }
    });
  }
  doc.line();
  doc.line();
  doc.line(
    '__all__ = ["TypeBuilder", "FieldType", "EnumValueBuilder", "EnumBuilder", "ClassBuilder"]',
  );
  return doc.toString();
}
