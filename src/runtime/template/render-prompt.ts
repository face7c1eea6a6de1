// Renders a function's prompt (spec §2.1): dedent + trim, template strings as macros, the BAML
// globals (`ctx`, `_`, enums), then splitting into chat messages.

import { parse, tokenize } from '@huggingface/jinja';
import type { Program, Type } from '../../ir/types.js';
import { BamlError, BamlInvalidArgumentError } from '../errors/index.js';
import { dedent, renderDedent } from './dedent.js';
import { enumValue, toJinjaValue } from './jinja/arg-values.js';
import { createInterpreter } from './jinja/create-interpreter.js';
import { isKwargs, type JinjaValue, jv, toPlain } from './jinja/runtime-values.js';
import { roleMarker } from './markers.js';
import { renderOutputFormat } from './output-format/render-output-format.js';
import { splitMessages } from './split-messages.js';
import type { PromptContext, RenderedPrompt } from './types.js';

/** Providers whose chat APIs take a leading `system` message; others default to `user`. */
const SYSTEM_DEFAULT_PROVIDERS = new Set([
  'openai',
  'openai-generic',
  'azure-openai',
  'openai-responses',
  'ollama',
]);

/** The role BAML gives text outside any `_.role(...)` for a provider. */
export function defaultRoleFor(provider: string): string {
  return SYSTEM_DEFAULT_PROVIDERS.has(provider) ? 'system' : 'user';
}

/** Extra knobs a client can pass (from its options). */
export interface RenderPromptOptions {
  /** Overrides the provider's default role. */
  defaultRole?: string;
  /** Roles outside this list become the default role. */
  allowedRoles?: readonly string[];
}

/** A prompt's source text as BAML renders it: its block-string value, dedented again, trimmed. */
export function prepareTemplate(text: string): string {
  return renderDedent(dedent(text)).trim();
}

function kwargsOf(args: JinjaValue[]): Record<string, unknown> {
  const last = args[args.length - 1];
  return isKwargs(last) ? (toPlain(last) as Record<string, unknown>) : {};
}

function positional(args: JinjaValue[]): JinjaValue[] {
  return isKwargs(args[args.length - 1]) ? args.slice(0, -1) : args;
}

function buildGlobals(
  program: Program,
  returnType: Type,
  ctx: PromptContext,
): Map<string, JinjaValue> {
  const globals = new Map<string, JinjaValue>();

  // ctx.output_format is both printable and callable: a function value that prints itself.
  const outputFormat = jv.function((args) => {
    if (positional(args).length > 0)
      throw new BamlError(
        'ctx.output_format takes keyword arguments only, e.g. ctx.output_format(prefix="…")',
      );
    return jv.string(renderOutputFormat(program, returnType, kwargsOf(args)));
  });
  let defaultText: string | undefined;
  outputFormat.toString = () => {
    defaultText ??= renderOutputFormat(program, returnType);
    return defaultText;
  };
  globals.set(
    'ctx',
    jv.object(
      new Map<string, JinjaValue>([
        ['output_format', outputFormat],
        ['client', jv.from({ name: ctx.client.name, provider: ctx.client.provider })],
        ['tags', jv.from({ ...ctx.tags })],
      ]),
    ),
  );

  const role = jv.function((args) => {
    const [name] = positional(args);
    const meta = kwargsOf(args);
    const roleName =
      typeof name?.value === 'string'
        ? name.value
        : typeof meta.role === 'string'
          ? meta.role
          : undefined;
    if (roleName === undefined)
      throw new BamlError('_.role expects a role name, e.g. _.role("user")');
    delete meta.role;
    const allowDuplicateRole = meta.__baml_allow_dupe_role__ === true;
    delete meta.__baml_allow_dupe_role__;
    return jv.string(
      roleMarker({ role: roleName, meta, ...(allowDuplicateRole ? { allowDuplicateRole } : {}) }),
    );
  });
  globals.set(
    '_',
    jv.object(
      new Map([
        ['role', role],
        ['chat', role],
      ]),
    ),
  );

  // Enums by name: `Color.RED` prints its alias and equals the value `RED`.
  for (const def of Object.values(program.enums)) {
    globals.set(
      def.name,
      jv.object(new Map(def.values.map((v) => [v.name, enumValue(v.name, v.alias)] as const))),
    );
  }
  return globals;
}

/**
 * `{% raw %}…{% endraw %}` (the engine has no raw blocks): the content becomes a string literal,
 * printed as is.
 */
function replaceRawBlocks(template: string): string {
  return template.replace(
    /\{%-?\s*raw\s*-?%\}([\s\S]*?)\{%-?\s*endraw\s*-?%\}/g,
    (_m, body: string) => `{{ ${JSON.stringify(body)} }}`,
  );
}

type TemplateAst = ReturnType<typeof parse>;

/** Parsed templates by source: a server renders the same few prompts over and over. */
const astCache = new Map<string, TemplateAst>();
const AST_CACHE_SIZE = 256;

function parseCached(source: string): TemplateAst {
  let ast = astCache.get(source);
  if (!ast) {
    ast = parse(tokenize(replaceRawBlocks(source), { lstrip_blocks: true, trim_blocks: true }));
    rejectLoopControls(ast);
    // Evict the oldest entry (Map keeps insertion order).
    if (astCache.size >= AST_CACHE_SIZE) astCache.delete(astCache.keys().next().value as string);
    astCache.set(source, ast);
  }
  return ast;
}

/**
 * BAML builds minijinja without its `loop_controls` feature, so `{% break %}` and
 * `{% continue %}` are a syntax error wherever they appear (minijinja compiler/parser.rs).
 * The walk keeps its own stack: a deeply nested template cannot overflow the call stack.
 */
function rejectLoopControls(ast: TemplateAst): void {
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    const type = (node as { type?: unknown }).type;
    if (type === 'Break' || type === 'Continue')
      throw new BamlError(
        `syntax error: unknown statement ${type === 'Break' ? 'break' : 'continue'}`,
      );
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push(child);
  }
}

/** Finds the template line an engine error most likely refers to (the engine gives no positions). */
function guessLine(template: string, message: string): number | undefined {
  const lines = template.split('\n');
  const words = [...message.matchAll(/[`'"]?([A-Za-z_][\w.]*)[`'"]?/g)]
    .map((m) => m[1] as string)
    .filter(
      (w) =>
        w.length > 2 &&
        !/^(Unknown|Cannot|Expected|value|filter|got|the|for|not|and|function|call|something|that|is)$/i.test(
          w,
        ),
    );
  for (const word of words.reverse()) {
    const idx = lines.findIndex((l) => l.includes(word));
    if (idx >= 0) return idx + 1;
  }
  return undefined;
}

/** Every template string as a macro, to place before a template so `{{ Snippet(x) }}` works. */
function templateStringMacros(program: Program): string {
  return Object.values(program.templateStrings)
    .map(
      (t) =>
        `{% macro ${t.name}(${t.params.map((p) => p.name).join(', ')}) %}${dedent(t.template)}{% endmacro %}\n`,
    )
    .join('');
}

/**
 * Renders the template string `name` with positional `args`, as a test's `input Name(43)` reads:
 * the other template strings are macros, and no BAML global (`ctx`, `_`) is defined.
 *
 * @example
 * renderTemplateString(program, 'Greeting', ['Ada']) // 'Hello Ada'
 */
export function renderTemplateString(program: Program, name: string, args: unknown[]): string {
  const t = program.templateStrings[name];
  if (!t) throw new BamlInvalidArgumentError(`template_string ${name} not found`);
  if (args.length !== t.params.length) {
    throw new BamlInvalidArgumentError(
      `Template string '${name}' expects ${t.params.length} arguments, but ${args.length} were provided`,
    );
  }
  const globals = new Map<string, JinjaValue>();
  t.params.forEach((param, i) => {
    globals.set(param.name, toJinjaValue(program, args[i], param.type));
  });
  try {
    const ast = parseCached(templateStringMacros(program) + dedent(t.template));
    return String(createInterpreter(globals).run(ast).value);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new BamlError(`Failed to render template '${name}': ${message}`, { cause: error });
  }
}

/**
 * Renders `functionName`'s prompt with `args`. Synchronous; template errors become a `BamlError`
 * naming the function, the (likely) prompt line and the engine's message.
 *
 * @example
 * renderPrompt(program, 'Extract', { text: 'hi' }, { client: { name: 'Fake', provider: 'openai' }, tags: {} })
 * // { kind: 'completion', text: 'hi\nAnswer in JSON using this schema:\n{…}' }
 */
export function renderPrompt(
  program: Program,
  functionName: string,
  args: Record<string, unknown>,
  ctx: PromptContext,
  options: RenderPromptOptions = {},
): RenderedPrompt {
  const fn = program.functions[functionName];
  if (!fn) throw new BamlInvalidArgumentError(`Function ${functionName} not found`);
  const template = prepareTemplate(fn.prompt);

  const macros = templateStringMacros(program);

  const globals = buildGlobals(program, fn.returnType, ctx);
  const paramTypes = new Map(fn.params.map((p) => [p.name, p.type] as const));
  for (const [name, value] of Object.entries(args)) {
    globals.set(name, toJinjaValue(program, value, paramTypes.get(name)));
  }
  for (const p of fn.params) if (!globals.has(p.name)) globals.set(p.name, jv.null());

  let text: string;
  try {
    const ast = parseCached(macros + template);
    text = String(createInterpreter(globals).run(ast).value);
  } catch (error) {
    if (BamlError.isInstance(error) && !(error instanceof Error && error.name === 'BamlError'))
      throw error;
    const message = error instanceof Error ? error.message : String(error);
    const line = guessLine(template, message);
    const where =
      line === undefined ? '' : ` (prompt line ${line}: ${template.split('\n')[line - 1]?.trim()})`;
    throw new BamlError(`Error rendering prompt of function ${functionName}${where}: ${message}`, {
      cause: error,
    });
  }
  return splitMessages(
    text,
    options.defaultRole ?? defaultRoleFor(ctx.client.provider),
    options.allowedRoles,
  );
}
