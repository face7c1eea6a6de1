// Python type expressions for BAML types: the final form (types.py, spec python-client §5) and
// the partial form (stream_types.py, §6), following the same rules as the TypeScript partial
// types (src/generator/partial-types.ts) with Python spelling.
import { finalInPartial, neverNullInPartial } from '../../ir/type-queries.js';
import type { Program, Type } from '../../ir/types.js';
import { checkNames, withoutNull } from '../final-types.js';
import { pyStr } from './py-doc.js';

/** How a module writes references to the final types. */
export interface PyFinalRefs {
  program: Program;
  /** A class or alias (may be a quoted forward reference). */
  named(name: string, kind: 'class' | 'alias'): string;
  /** An enum (always bare: enums are defined before classes). */
  enumRef(name: string): string;
  /** The `Checked` generic. */
  checked: string;
}

/** How a module writes references to the partial types. */
export interface PyPartialRefs {
  final: PyFinalRefs;
  partialNamed(name: string, kind: 'class' | 'alias'): string;
  streamState: string;
}

const MEDIA: Record<string, string> = {
  image: 'baml_py.Image',
  audio: 'baml_py.Audio',
  pdf: 'baml_py.Pdf',
  video: 'baml_py.Video',
};

const isNull = (t: Type) => t.kind === 'primitive' && t.name === 'null';

export const pyOptional = (py: string) => (py === 'None' ? py : `typing.Optional[${py}]`);

export function pyUnion(parts: string[]): string {
  const unique = [...new Set(parts)];
  return unique.length === 1 ? unique[0]! : `typing.Union[${unique.join(', ')}]`;
}

function pyLiteral(value: string | number | boolean): string {
  const v =
    typeof value === 'string'
      ? pyStr(value)
      : typeof value === 'boolean'
        ? value
          ? 'True'
          : 'False'
        : String(value);
  return `typing_extensions.Literal[${v}]`;
}

function withChecks(py: string, type: Type, checked: string): string {
  const names = checkNames(type.attrs?.constraints);
  if (names.length === 0) return py;
  return `${checked}[${py}, typing_extensions.Literal[${names.map(pyStr).join(', ')}]]`;
}

/** The final Python type of `type`. */
export function finalPy(type: Type, refs: PyFinalRefs): string {
  return withChecks(bareFinal(type, refs), type, refs.checked);
}

function bareFinal(type: Type, refs: PyFinalRefs): string {
  switch (type.kind) {
    case 'primitive':
      return { string: 'str', int: 'int', float: 'float', bool: 'bool', null: 'None' }[type.name];
    case 'media':
      return MEDIA[type.name] ?? 'baml_py.Image';
    case 'literal':
      return pyLiteral(type.value);
    case 'class':
      return refs.named(type.name, 'class');
    case 'alias':
      return refs.named(type.name, 'alias');
    case 'enum':
      return refs.enumRef(type.name);
    case 'list':
      return `typing.List[${finalPy(type.item, refs)}]`;
    case 'map':
      return `typing.Dict[${mapKeyPy(type.key, refs)}, ${finalPy(type.value, refs)}]`;
    case 'union': {
      const rest = type.variants.filter((v) => !isNull(v)).map((v) => finalPy(v, refs));
      if (rest.length === 0) return 'None';
      const union = pyUnion(rest);
      return rest.length < type.variants.length ? pyOptional(union) : union;
    }
    case 'tuple':
      return `typing.Tuple[${type.items.map((t) => finalPy(t, refs)).join(', ')}]`;
  }
}

/** Map keys are strings in JSON; enum and literal keys are typed `str` too, since the parser keeps
 * keys it cannot match (an enum alias, a new literal) as they were written. */
function mapKeyPy(_key: Type, _refs: PyFinalRefs): string {
  return 'str';
}

/** A field (or top-level value) in partial form: the type, and whether it defaults to None. */
export interface PyPartial {
  py: string;
  nullable: boolean;
}

export function partialPy(
  type: Type,
  refs: PyPartialRefs,
  needed: boolean,
  inDone = false,
): PyPartial {
  const program = refs.final.program;
  const done = inDone || type.attrs?.streamDone === true;
  // A `@stream.done` list or map field is null until it is complete (0.226.2 streams it so).
  const doneCollection =
    type.attrs?.streamDone === true &&
    (type.kind === 'list' || type.kind === 'map') &&
    !needed &&
    type.attrs.streamNotNull !== true;
  const isNeeded = !doneCollection && neverNullInPartial(program, type, needed);
  const inner = withoutNull(type);
  let py = inner === null ? 'None' : barePartial({ ...inner, attrs: {} }, refs, done);
  const checks = checkNames(type.attrs?.constraints);
  // While streaming, a checked value may still be null inside its `Checked` wrapper.
  if (checks.length > 0)
    py = `${refs.final.checked}[${pyOptional(py)}, typing_extensions.Literal[${checks.map(pyStr).join(', ')}]]`;
  if (type.attrs?.streamWithState) {
    return { py: `${refs.streamState}[${isNeeded ? py : pyOptional(py)}]`, nullable: false };
  }
  if (isNeeded || py === 'None') return { py, nullable: false };
  return { py: pyOptional(py), nullable: true };
}

function barePartial(type: Type, refs: PyPartialRefs, done: boolean): string {
  const program = refs.final.program;
  if (done || finalInPartial(type)) return finalPy(type, refs.final);
  switch (type.kind) {
    case 'class':
      return program.classes[type.name]?.streamDone
        ? refs.final.named(type.name, 'class')
        : refs.partialNamed(type.name, 'class');
    case 'alias':
      return refs.partialNamed(type.name, 'alias');
    case 'list':
      return `typing.List[${partialPy(type.item, refs, true).py}]`;
    case 'map':
      return `typing.Dict[${mapKeyPy(type.key, refs.final)}, ${partialPy(type.value, refs, true).py}]`;
    case 'union':
      return pyUnion(type.variants.map((v) => partialPy(v, refs, true).py));
  }
}

/** The type of a stream's partials for a function's return type (the top level is needed). */
export function streamTopPy(type: Type, refs: PyPartialRefs): string {
  const attrs = type.attrs?.constraints ? { constraints: type.attrs.constraints } : {};
  return partialPy({ ...type, attrs }, refs, true).py;
}

/** References as written inside the client modules (every module is imported by then). */
export function clientRefs(program: Program): PyPartialRefs {
  const final: PyFinalRefs = {
    program,
    named: (name) => `types.${name}`,
    enumRef: (name) => `types.${name}`,
    checked: 'types.Checked',
  };
  return {
    final,
    partialNamed: (name) => `stream_types.${name}`,
    streamState: 'stream_types.StreamState',
  };
}
