import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compiler/index.js';
import { generatePythonClient } from '../../src/generator/python/index.js';

const SOURCE = `
enum E {
  A
  B
}
class D {
  x int
  @@stream.done
}
class R {
  s string
  n int @stream.not_null
  st string @stream.with_state
  d D
  r R2 @stream.done
  l R2[]
  o string?
  lit "a" | "b"
  c int @check(pos, {{ this > 0 }})
  m map<string, E>
  e E
  @@dynamic
}
class R2 {
  y string
}
type U = R | R2
function F(a: string, b: int?) -> U {
  client "openai/gpt-4o"
  prompt #"{{ a }}"#
}
`;

function files(mode: string | null, outputType = 'python/pydantic'): Record<string, string> {
  const gen = `generator g {\n  output_type "${outputType}"\n  output_dir "../"\n  version "0.226.2"\n${mode ? `  default_client_mode ${mode}\n` : ''}}\n`;
  const sources = [{ path: 'main.baml', text: gen + SOURCE }];
  const { program } = compile(sources);
  if (!program) throw new Error('does not compile');
  return Object.fromEntries(
    generatePythonClient(program, sources, program.generators[0]!).map((f) => [f.path, f.content]),
  );
}

describe('python/pydantic generator', () => {
  it('writes the 14 modules of BAML 0.226.2', () => {
    expect(Object.keys(files(null)).sort()).toEqual(
      [
        '__init__.py',
        'async_client.py',
        'config.py',
        'globals.py',
        'inlinedbaml.py',
        'parser.py',
        'runtime.py',
        'stream_types.py',
        'sync_client.py',
        'tracing.py',
        'type_builder.py',
        'type_map.py',
        'types.py',
        'watchers.py',
      ].sort(),
    );
  });

  it('takes b from the async client unless default_client_mode is sync', () => {
    expect(files(null)['__init__.py']).toContain('from .async_client import b');
    expect(files('sync')['__init__.py']).toContain('from .sync_client import b');
    expect(files('async')['__init__.py']).toContain('partial_types = stream_types');
  });

  it('maps final types as in the spec table', () => {
    const types = files(null)['types.py']!;
    expect(types).toContain('class E(str, Enum):\n    A = "A"');
    expect(types).toContain("model_config = ConfigDict(extra='allow')");
    expect(types).toContain('o: typing.Optional[str] = None');
    expect(types).toContain(
      'lit: typing.Union[typing_extensions.Literal["a"], typing_extensions.Literal["b"]]',
    );
    expect(types).toContain('c: Checked[int, typing_extensions.Literal["pos"]]');
    expect(types).toContain('l: typing.List["R2"]');
    expect(types).toContain('U: typing_extensions.TypeAlias = typing.Union["R", "R2"]');
    expect(types).toContain('R.model_rebuild()');
  });

  it('maps partial types as in the transformation table', () => {
    const partial = files(null)['stream_types.py']!;
    expect(partial).toContain('s: typing.Optional[str] = None');
    expect(partial).toContain('n: int\n');
    expect(partial).toContain('st: StreamState[typing.Optional[str]]');
    expect(partial).toContain('d: typing.Optional["types.D"] = None');
    expect(partial).toContain('r: typing.Optional["types.R2"] = None');
    expect(partial).toContain('l: typing.List["R2"]');
    expect(partial).toContain('e: typing.Optional[types.E] = None');
  });

  it('gives methods BAML signatures: trailing optional params default to None, baml_options last', () => {
    const f = files(null);
    expect(f['async_client.py']).toContain(
      'async def F(self, a: str, b: typing.Optional[int] = None, baml_options: BamlCallOptions = {}) -> types.U:',
    );
    expect(f['sync_client.py']).toContain('baml_py.BamlSyncStream[stream_types.U, types.U]');
    expect(f['parser.py']).toContain(
      'def F(self, llm_response: str, baml_options: BamlCallOptions = {})',
    );
    expect(f['type_builder.py']).toContain('def R(self) -> "RBuilder":');
    expect(f['type_builder.py']).toContain('def R2(self) -> "R2Viewer":');
  });

  it('writes pydantic 1 idioms for python/pydantic/v1', () => {
    const types = files(null, 'python/pydantic/v1')['types.py']!;
    expect(types).toContain('from pydantic.generics import GenericModel');
    expect(types).toContain('extra = Extra.allow');
    expect(types).toContain('R.update_forward_refs()');
  });
});
