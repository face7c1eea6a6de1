// types.py and stream_types.py: pydantic models for the final and the partial types
// (spec python-client §5, §6), in pydantic 2 style or, for `python/pydantic/v1`, pydantic 1.
import { acceptsNull } from '../../ir/type-queries.js';
import type { ClassDef, Program, TypeAliasDef } from '../../ir/types.js';
import { PyDoc, pyStr } from './py-doc.js';
import { finalPy, type PyFinalRefs, type PyPartialRefs, partialPy } from './py-types.js';

export interface ModelOptions {
  program: Program;
  v1: boolean;
}

const byName = <T extends { name: string }>(xs: Iterable<T>): T[] =>
  [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

function imports(doc: PyDoc, v1: boolean): void {
  doc.line('import typing');
  doc.line('import typing_extensions');
  doc.line('from enum import Enum');
  doc.line();
  if (v1) {
    doc.line('from pydantic import BaseModel, Extra, Field');
    doc.line('from pydantic.generics import GenericModel');
  } else {
    doc.line('from pydantic import BaseModel, ConfigDict, Field');
  }
  doc.line();
  doc.line('import baml_py');
}

/** A model's config lines: extra keys for `@@dynamic`, arbitrary types for pydantic 1. */
function modelConfig(doc: PyDoc, v1: boolean, dynamic: boolean): void {
  if (v1) {
    doc.block('class Config:', () => {
      doc.line('arbitrary_types_allowed = True');
      if (dynamic) doc.line('extra = Extra.allow');
    });
  } else if (dynamic) {
    doc.line("model_config = ConfigDict(extra='allow')");
  }
}

function rebuild(doc: PyDoc, names: string[], v1: boolean): void {
  if (names.length === 0) return;
  doc.line();
  for (const name of names)
    doc.line(v1 ? `${name}.update_forward_refs()` : `${name}.model_rebuild()`);
}

function alias(doc: PyDoc, def: TypeAliasDef, py: string): void {
  if (def.recursive)
    doc.line(`${def.name} = typing_extensions.TypeAliasType(${pyStr(def.name)}, ${py})`);
  else doc.line(`${def.name}: typing_extensions.TypeAlias = ${py}`);
}

/** The text of types.py. */
export function emitTypesPy(header: string, { program, v1 }: ModelOptions): string {
  const refs: PyFinalRefs = {
    program,
    named: (name) => pyStr(name),
    enumRef: (name) => name,
    checked: 'Checked',
  };
  const doc = new PyDoc().line(header).line();
  imports(doc, v1);
  doc.line();
  doc.line('CheckT = typing_extensions.TypeVar("CheckT")');
  doc.line('CheckName = typing_extensions.TypeVar("CheckName", bound=str)');
  doc.line();
  doc.line();
  doc.block('class Check(BaseModel):', () => {
    doc.line('name: str');
    doc.line('expression: str');
    doc.line('status: str');
  });
  doc.line();
  doc.line();
  const generic = v1 ? 'GenericModel' : 'BaseModel';
  doc.block(`class Checked(${generic}, typing.Generic[CheckT, CheckName]):`, () => {
    doc.line('value: CheckT');
    doc.line('checks: typing.Dict[CheckName, Check]');
    if (v1) modelConfig(doc, v1, false);
  });
  doc.line();
  doc.line();
  doc.block('def get_checks(checks: typing.Dict[CheckName, Check]) -> typing.List[Check]:', () => {
    doc.line('return list(checks.values())');
  });
  doc.line();
  doc.line();
  doc.block('def all_succeeded(checks: typing.Dict[CheckName, Check]) -> bool:', () => {
    doc.line('return all(check.status == "succeeded" for check in get_checks(checks))');
  });
  for (const def of byName(Object.values(program.enums))) {
    doc.line();
    doc.line();
    doc.block(`class ${def.name}(str, Enum):`, () => {
      doc.docstring(def.docs);
      for (const v of def.values) doc.line(`${v.name} = ${pyStr(v.name)}`);
    });
  }
  const classes = byName(Object.values(program.classes));
  for (const def of classes) {
    doc.line();
    doc.line();
    doc.block(`class ${def.name}(BaseModel):`, () => {
      doc.docstring(def.docs);
      modelConfig(doc, v1, def.dynamic === true);
      for (const field of def.fields) {
        const py = finalPy(field.type, refs);
        doc.line(`${field.name}: ${py}${acceptsNull(field.type) ? ' = None' : ''}`);
      }
    });
  }
  const aliases = byName(Object.values(program.typeAliases));
  if (aliases.length > 0) doc.line().line();
  for (const def of aliases) alias(doc, def, finalPy(def.type, refs));
  rebuild(
    doc,
    classes.map((c) => c.name),
    v1,
  );
  return doc.toString();
}

/** The text of stream_types.py. */
export function emitStreamTypesPy(header: string, { program, v1 }: ModelOptions): string {
  const final: PyFinalRefs = {
    program,
    named: (name) => pyStr(`types.${name}`),
    enumRef: (name) => `types.${name}`,
    checked: 'types.Checked',
  };
  const refs: PyPartialRefs = {
    final,
    partialNamed: (name) => pyStr(name),
    streamState: 'StreamState',
  };
  const doc = new PyDoc().line(header).line();
  imports(doc, v1);
  doc.line();
  doc.line('from . import types');
  doc.line();
  doc.line('StreamStateValueT = typing.TypeVar("StreamStateValueT")');
  doc.line();
  doc.line();
  doc.block(
    `class StreamState(${v1 ? 'GenericModel' : 'BaseModel'}, typing.Generic[StreamStateValueT]):`,
    () => {
      doc.line('value: StreamStateValueT');
      doc.line('state: typing_extensions.Literal["Pending", "Incomplete", "Complete"]');
      if (v1) modelConfig(doc, v1, false);
    },
  );
  const classes = byName(Object.values(program.classes));
  for (const def of classes) {
    doc.line();
    doc.line();
    emitPartialClass(doc, def, refs, v1);
  }
  const aliases = byName(Object.values(program.typeAliases));
  if (aliases.length > 0) doc.line().line();
  for (const def of aliases) alias(doc, def, partialPy(def.type, refs, false).py);
  rebuild(
    doc,
    classes.map((c) => c.name),
    v1,
  );
  return doc.toString();
}

function emitPartialClass(doc: PyDoc, def: ClassDef, refs: PyPartialRefs, v1: boolean): void {
  doc.block(`class ${def.name}(BaseModel):`, () => {
    doc.docstring(def.docs);
    modelConfig(doc, v1, def.dynamic === true);
    for (const field of def.fields) {
      if (def.streamDone) {
        // A `@@stream.done` class only ever appears complete: its fields keep their final types.
        const py = finalPy(field.type, refs.final);
        doc.line(`${field.name}: ${py}${acceptsNull(field.type) ? ' = None' : ''}`);
        continue;
      }
      const shape = partialPy(field.type, refs, false);
      doc.line(`${field.name}: ${shape.py}${shape.nullable ? ' = None' : ''}`);
    }
  });
}
