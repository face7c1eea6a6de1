// async_client.py, sync_client.py, parser.py and runtime.py: the client surface of spec
// python-client §3-§4, calling the pure-Python baml_py runtime.
import { acceptsNull } from '../../ir/type-queries.js';
import type { FunctionDef, Program } from '../../ir/types.js';
import { PyDoc, pyStr } from './py-doc.js';
import { clientRefs, finalPy, streamTopPy } from './py-types.js';

const RUNTIME = 'DO_NOT_USE_DIRECTLY_UNLESS_YOU_KNOW_WHAT_YOURE_DOING_RUNTIME';

const functionsOf = (program: Program): FunctionDef[] =>
  Object.values(program.functions).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** `a: str, b: typing.Optional[int] = None` (only trailing optional parameters get a default). */
function params(fn: FunctionDef, program: Program): string {
  const refs = clientRefs(program).final;
  let trailing = true;
  const out: string[] = [];
  for (const p of [...fn.params].reverse()) {
    const optional = acceptsNull(p.type);
    trailing = trailing && optional;
    out.unshift(`${p.name}: ${finalPy(p.type, refs)}${trailing ? ' = None' : ''}`);
  }
  return out.map((p) => `${p}, `).join('');
}

const argsDict = (fn: FunctionDef) =>
  `{${fn.params.map((p) => `${pyStr(p.name)}: ${p.name}`).join(', ')}}`;
const argsPass = (fn: FunctionDef) => fn.params.map((p) => `${p.name}=${p.name}, `).join('');

/** `class <name>:` holding the call manager, then `body` (its methods). */
function optionsClass(doc: PyDoc, name: string, body: () => void, init: string[] = []): void {
  doc.line();
  doc.line();
  doc.block(`class ${name}:`, () => {
    doc.line('__options: DoNotUseDirectlyCallManager');
    doc.line();
    doc.block('def __init__(self, options: DoNotUseDirectlyCallManager) -> None:', () => {
      doc.line('self.__options = options');
      for (const line of init) doc.line(line);
    });
    body();
  });
}

/** The header and the imports every client module and runtime.py start with. */
function commonImports(doc: PyDoc, header: string): PyDoc {
  doc.line(header).line();
  doc.line('import typing');
  doc.line('import typing_extensions');
  doc.line();
  doc.line('import baml_py');
  doc.line('import baml_py.baml_py');
  return doc.line();
}

function imports(doc: PyDoc, header: string): void {
  commonImports(doc, header);
  doc.line('from . import stream_types, types');
  doc.line('from .runtime import BamlCallOptions, DoNotUseDirectlyCallManager');
}

/** The text of async_client.py (`mode` async) or sync_client.py. */
export function emitClientPy(header: string, program: Program, mode: 'async' | 'sync'): string {
  const refs = clientRefs(program);
  const fns = functionsOf(program);
  const Client = mode === 'async' ? 'BamlAsyncClient' : 'BamlSyncClient';
  const aw = mode === 'async' ? 'await ' : '';
  const adef = mode === 'async' ? 'async def' : 'def';
  const doc = new PyDoc();
  imports(doc, header);
  doc.line('from .parser import LlmResponseParser, LlmStreamParser');
  doc.line('from .type_builder import TypeBuilder');
  optionsClass(
    doc,
    Client,
    () => {
      if (mode === 'sync') {
        doc.line();
        doc.block('def __getstate__(self) -> typing.Dict[str, typing.Any]:', () => {
          doc.line('return {"options": self.__options.options}');
        });
        doc.line();
        doc.block('def __setstate__(self, state: typing.Dict[str, typing.Any]) -> None:', () => {
          doc.line(
            'self.__init__(DoNotUseDirectlyCallManager(state["options"]))  # type: ignore[misc]',
          );
        });
      }
      doc.line();
      doc.block(
        `def with_options(self, tb: typing.Optional[TypeBuilder] = None, client_registry: typing.Optional[baml_py.ClientRegistry] = None, client: typing.Optional[str] = None, collector: typing.Optional[typing.Union[baml_py.Collector, typing.List[baml_py.Collector]]] = None, env: typing.Optional[typing.Dict[str, typing.Optional[str]]] = None, tags: typing.Optional[typing.Dict[str, str]] = None, on_tick: typing.Optional[typing.Callable[[str, baml_py.FunctionLog], None]] = None) -> "${Client}":`,
        () => {
          doc.line('options: BamlCallOptions = {}');
          for (const k of [
            'tb',
            'client_registry',
            'client',
            'collector',
            'env',
            'tags',
            'on_tick',
          ]) {
            doc.block(`if ${k} is not None:`, () => doc.line(`options[${pyStr(k)}] = ${k}`));
          }
          doc.line(`return ${Client}(self.__options.merge_options(options))`);
        },
      );
      for (const [prop, cls] of [
        ['stream', 'BamlStreamClient'],
        ['request', 'BamlHttpRequestClient'],
        ['stream_request', 'BamlHttpStreamRequestClient'],
        ['parse', 'LlmResponseParser'],
        ['parse_stream', 'LlmStreamParser'],
      ] as const) {
        const field = {
          stream: '__stream_client',
          request: '__http_request',
          stream_request: '__http_stream_request',
          parse: '__llm_response_parser',
          parse_stream: '__llm_stream_parser',
        }[prop];
        doc.line();
        doc.line('@property');
        doc.block(`def ${prop}(self) -> "${cls}":`, () => doc.line(`return self.${field}`));
      }
      for (const fn of fns) {
        const ret = finalPy(fn.returnType, refs.final);
        doc.line();
        doc.block(
          `${adef} ${fn.name}(self, ${params(fn, program)}baml_options: BamlCallOptions = {}) -> ${ret}:`,
          () => {
            doc.docstring(fn.docs);
            if (mode === 'async') {
              doc.block('if "on_tick" in baml_options:', () => {
                doc.line(
                  `stream = self.stream.${fn.name}(${argsPass(fn)}baml_options=baml_options)`,
                );
                doc.line('return await stream.get_final_response()');
              });
            }
            doc.line(
              `result = ${aw}self.__options.merge_options(baml_options).call_function_${mode}(function_name=${pyStr(fn.name)}, args=${argsDict(fn)}, target=${ret})`,
            );
            doc.line(`return typing.cast(${ret}, result)`);
          },
        );
      }
    },
    [
      'self.__stream_client = BamlStreamClient(options)',
      'self.__http_request = BamlHttpRequestClient(options)',
      'self.__http_stream_request = BamlHttpStreamRequestClient(options)',
      'self.__llm_response_parser = LlmResponseParser(options)',
      'self.__llm_stream_parser = LlmStreamParser(options)',
    ],
  );
  // Streams.
  const Stream = mode === 'async' ? 'baml_py.BamlStream' : 'baml_py.BamlSyncStream';
  optionsClass(doc, 'BamlStreamClient', () => {
    for (const fn of fns) {
      const partial = streamTopPy(fn.returnType, refs);
      const final = finalPy(fn.returnType, refs.final);
      doc.line();
      doc.block(
        `def ${fn.name}(self, ${params(fn, program)}baml_options: BamlCallOptions = {}) -> ${Stream}[${partial}, ${final}]:`,
        () => {
          doc.line(
            `return typing.cast(${Stream}[${partial}, ${final}], self.__options.merge_options(baml_options).create_${mode}_stream(function_name=${pyStr(fn.name)}, args=${argsDict(fn)}, partial=${partial}, final=${final}))`,
          );
        },
      );
    }
  });
  for (const [cls, stream] of [
    ['BamlHttpRequestClient', false],
    ['BamlHttpStreamRequestClient', true],
  ] as const) {
    optionsClass(doc, cls, () => {
      for (const fn of fns) {
        doc.line();
        doc.block(
          `${adef} ${fn.name}(self, ${params(fn, program)}baml_options: BamlCallOptions = {}) -> baml_py.baml_py.HTTPRequest:`,
          () => {
            doc.line(
              `return ${aw}self.__options.merge_options(baml_options).create_http_request_${mode}(function_name=${pyStr(fn.name)}, args=${argsDict(fn)}, stream=${stream ? 'True' : 'False'})`,
            );
          },
        );
      }
    });
  }
  doc.line();
  doc.line();
  doc.line(`b = ${Client}(DoNotUseDirectlyCallManager({}))`);
  return doc.toString();
}

/** The text of parser.py: `b.parse` and `b.parse_stream` (synchronous in both clients). */
export function emitParserPy(header: string, program: Program): string {
  const refs = clientRefs(program);
  const doc = new PyDoc();
  imports(doc, header);
  for (const [cls, partial] of [
    ['LlmResponseParser', false],
    ['LlmStreamParser', true],
  ] as const) {
    optionsClass(doc, cls, () => {
      for (const fn of functionsOf(program)) {
        const ret = partial ? streamTopPy(fn.returnType, refs) : finalPy(fn.returnType, refs.final);
        doc.line();
        doc.block(
          `def ${fn.name}(self, llm_response: str, baml_options: BamlCallOptions = {}) -> ${ret}:`,
          () => {
            doc.line(
              `result = self.__options.merge_options(baml_options).parse_response(function_name=${pyStr(fn.name)}, llm_response=llm_response, target=${ret}, allow_partials=${partial ? 'True' : 'False'})`,
            );
            doc.line(`return typing.cast(${ret}, result)`);
          },
        );
      }
    });
  }
  return doc.toString();
}

/** The text of runtime.py: `BamlCallOptions` and the call manager every client method uses. */
export function emitRuntimePy(header: string): string {
  const doc = commonImports(new PyDoc(), header);
  doc.line(`from .globals import ${RUNTIME} as __runtime__`);
  doc.line();
  doc.block('if typing.TYPE_CHECKING:', () => doc.line('from .type_builder import TypeBuilder'));
  doc.line();
  doc.line();
  doc.block('class BamlCallOptions(typing.TypedDict, total=False):', () => {
    doc.line('tb: typing_extensions.NotRequired["TypeBuilder"]');
    doc.line('client_registry: typing_extensions.NotRequired[baml_py.baml_py.ClientRegistry]');
    doc.line('client: typing_extensions.NotRequired[str]');
    doc.line(
      'collector: typing_extensions.NotRequired[typing.Union[baml_py.baml_py.Collector, typing.List[baml_py.baml_py.Collector]]]',
    );
    doc.line('env: typing_extensions.NotRequired[typing.Dict[str, typing.Optional[str]]]');
    doc.line('tags: typing_extensions.NotRequired[typing.Dict[str, str]]');
    doc.line('abort_controller: typing_extensions.NotRequired[baml_py.baml_py.AbortController]');
    doc.line(
      'on_tick: typing_extensions.NotRequired[typing.Callable[[str, baml_py.baml_py.FunctionLog], None]]',
    );
    doc.line('watchers: typing_extensions.NotRequired[typing.Any]');
  });
  doc.line();
  doc.line();
  doc.block('class DoNotUseDirectlyCallManager:', () => {
    doc.block('def __init__(self, baml_options: BamlCallOptions) -> None:', () => {
      doc.line('self.options = baml_options');
    });
    doc.line();
    doc.block(
      'def merge_options(self, options: BamlCallOptions) -> "DoNotUseDirectlyCallManager":',
      () => {
        doc.line(
          'return DoNotUseDirectlyCallManager(typing.cast(BamlCallOptions, {**self.options, **options}))',
        );
      },
    );
    const sig = '*, function_name: str, args: typing.Dict[str, typing.Any]';
    doc.line();
    doc.block(
      `async def call_function_async(self, ${sig}, target: typing.Any) -> typing.Any:`,
      () => {
        doc.line('return await __runtime__.call_async(function_name, args, self.options, target)');
      },
    );
    doc.line();
    doc.block(`def call_function_sync(self, ${sig}, target: typing.Any) -> typing.Any:`, () => {
      doc.line('return __runtime__.call_sync(function_name, args, self.options, target)');
    });
    doc.line();
    doc.block(
      `def create_async_stream(self, ${sig}, partial: typing.Any, final: typing.Any) -> typing.Any:`,
      () => {
        doc.line(
          'return __runtime__.stream_async(function_name, args, self.options, partial, final)',
        );
      },
    );
    doc.line();
    doc.block(
      `def create_sync_stream(self, ${sig}, partial: typing.Any, final: typing.Any) -> typing.Any:`,
      () => {
        doc.line(
          'return __runtime__.stream_sync(function_name, args, self.options, partial, final)',
        );
      },
    );
    doc.line();
    doc.block(
      `async def create_http_request_async(self, ${sig}, stream: bool) -> baml_py.baml_py.HTTPRequest:`,
      () => {
        doc.line(
          'return await __runtime__.build_request_async(function_name, args, self.options, stream)',
        );
      },
    );
    doc.line();
    doc.block(
      `def create_http_request_sync(self, ${sig}, stream: bool) -> baml_py.baml_py.HTTPRequest:`,
      () => {
        doc.line(
          'return __runtime__.build_request_sync(function_name, args, self.options, stream)',
        );
      },
    );
    doc.line();
    doc.block(
      'def parse_response(self, *, function_name: str, llm_response: str, target: typing.Any, allow_partials: bool) -> typing.Any:',
      () => {
        doc.line(
          'return __runtime__.parse_llm_response(function_name, llm_response, target, allow_partials, self.options)',
        );
      },
    );
  });
  return doc.toString();
}
