// The intermediate representation (IR): the contract between the compiler and the runtime.
//
// Everything here is plain, JSON-serialisable data with no logic. The compiler (src/compiler)
// produces a `Program` from a `baml_src/` tree; the generator embeds it in the generated client
// as JSON; the runtime (src/runtime) reads it to render prompts, pick LLM clients and parse
// answers. The runtime never imports the compiler, only these types.
//
// Names are always the *real* (declared) names. Aliases (`@alias`, `@@alias`) are kept beside
// them: the prompt and the parser use the alias, the output value uses the real name.

/** Bumped when the shape of the IR changes incompatibly. */
import type { GlobalDef, IrBlock, MethodDef } from './statements.js';

export const IR_VERSION = 1;

export type PrimitiveName = 'string' | 'int' | 'float' | 'bool' | 'null';
export type MediaName = 'image' | 'audio' | 'pdf' | 'video';

/** `@check(name, {{ expr }})` (non-fatal) or `@assert(name?, {{ expr }})` (fatal). */
export interface Constraint {
  level: 'check' | 'assert';
  /** Required for checks; optional for asserts. */
  name?: string;
  /** The Jinja expression between `{{` and `}}`, trimmed. `this` is the value. */
  expression: string;
}

/**
 * Attributes that sit on a type occurrence: on a field's type (field attributes such as
 * `@stream.done` or `@check` land here), on a parenthesised type `(T @stream.done)`, or on a
 * function's return type.
 */
export interface TypeAttributes {
  constraints?: Constraint[];
  /** `@stream.done`: the value appears in partials only once complete. */
  streamDone?: boolean;
  /** `@stream.not_null`: the enclosing object is withheld from partials until this is non-null. */
  streamNotNull?: boolean;
  /** `@stream.with_state`: partials wrap the value as `{ value, state }`. */
  streamWithState?: boolean;
}

/**
 * The three streaming flags of spec §4.2, computed by analysis for every type occurrence
 * (see src/ir/stream-flags.ts). They describe the *streaming* (partial) form of the type:
 * - `needed`: never null in a partial (lists, maps, `@stream.not_null`, union variants, …);
 * - `done`: appears in a partial only when complete (numbers, bools, enums, literals,
 *   `@stream.done`, `@@stream.done` classes, …);
 * - `state`: serialised as `{ value, state: "Pending" | "Incomplete" | "Complete" }`.
 */
export interface StreamFlags {
  needed: boolean;
  done: boolean;
  state: boolean;
}

interface TypeNode {
  attrs?: TypeAttributes;
  stream?: StreamFlags;
}

export interface PrimitiveType extends TypeNode {
  kind: 'primitive';
  name: PrimitiveName;
}
export interface MediaType extends TypeNode {
  kind: 'media';
  name: MediaName;
}
export interface LiteralType extends TypeNode {
  kind: 'literal';
  value: string | number | boolean;
}
export interface ClassRefType extends TypeNode {
  kind: 'class';
  name: string;
}
export interface EnumRefType extends TypeNode {
  kind: 'enum';
  name: string;
}
/** A reference to a `type Name = …` alias (recursive or not); resolve through `Program.typeAliases`. */
export interface AliasRefType extends TypeNode {
  kind: 'alias';
  name: string;
}
export interface ListType extends TypeNode {
  kind: 'list';
  item: Type;
}
export interface MapType extends TypeNode {
  kind: 'map';
  key: Type;
  value: Type;
}
/**
 * `A | B | C` in declared order. `T?` is a union whose last variant is `null`
 * (`string?` → `{ kind: 'union', variants: [string, null] }`); nested unions are flattened.
 */
export interface UnionType extends TypeNode {
  kind: 'union';
  variants: Type[];
}
/** `(A, B)`: exists in the grammar, rejected in outputs. */
export interface TupleType extends TypeNode {
  kind: 'tuple';
  items: Type[];
}

export type Type =
  | PrimitiveType
  | MediaType
  | LiteralType
  | ClassRefType
  | EnumRefType
  | AliasRefType
  | ListType
  | MapType
  | UnionType
  | TupleType;

export interface FieldDef {
  name: string;
  type: Type;
  /** `@alias("x")`: the name in the prompt and the only key the parser accepts. */
  alias?: string;
  /** `@description("…")`. */
  description?: string;
  /** `/// doc comment` lines, joined with "\n"; copied into generated code, never into prompts. */
  docs?: string;
  /** `@skip`: removed from prompt and parser (only allowed on optional fields). */
  skip?: boolean;
}

export interface ClassDef {
  name: string;
  fields: FieldDef[];
  /** `@@alias("…")`. */
  alias?: string;
  /** `@@description("…")`. */
  description?: string;
  docs?: string;
  /** `@@dynamic`. */
  dynamic?: boolean;
  /** `@@check` / `@@assert`, run on the finished object. */
  constraints?: Constraint[];
  /** `@@stream.done`: instances appear in partials only once complete. */
  streamDone?: boolean;
  /** `@@stream.not_null`. */
  streamNotNull?: boolean;
  /** `function name(self, …) { statements }` written in the class. */
  methods?: Record<string, MethodDef>;
}

export interface EnumValueDef {
  name: string;
  alias?: string;
  description?: string;
  docs?: string;
  skip?: boolean;
}

export interface EnumDef {
  name: string;
  values: EnumValueDef[];
  alias?: string;
  description?: string;
  docs?: string;
  dynamic?: boolean;
  constraints?: Constraint[];
}

export interface TypeAliasDef {
  name: string;
  type: Type;
  docs?: string;
  /** True when the alias refers to itself, directly or through other aliases. */
  recursive: boolean;
}

export interface ParamDef {
  name: string;
  type: Type;
}

export interface FunctionDef {
  name: string;
  params: ParamDef[];
  returnType: Type;
  /**
   * The key of the client in `Program.clients`. For the shorthand `client "openai/gpt-4o"` it is
   * the string `"openai/gpt-4o"`, and analysis adds a matching implicit `ClientDef`.
   */
  client: string;
  /** The prompt template exactly as written between `#"` and `"#` (dedented at render time). */
  prompt: string;
  docs?: string;
  /**
   * True for an expression function (a body of statements instead of `client`/`prompt`; BAML's
   * "workflow functions"). `client` and `prompt` are then empty.
   */
  expression?: true;
  /** The statements of an expression function. */
  body?: IrBlock;
}

export interface TemplateStringDef {
  name: string;
  params: ParamDef[];
  template: string;
}

/**
 * A value in a config position (client options, generator options, test args).
 * `env.NAME` is kept as the reference `{ $env: "NAME" }`: it is read at call time, never at
 * compile time; a `template_string` call likewise (`TemplateCall`). Maps are plain objects in
 * declaration order.
 */
export type ConfigValue =
  | string
  | number
  | boolean
  | null
  | EnvRef
  | TemplateCall
  | ConfigValue[]
  | { [key: string]: ConfigValue };

export interface EnvRef {
  $env: string;
}

/**
 * `Name(arg, …)` in a config position: a call of the `template_string` `Name`, kept as
 * `{ $template: "Name", args: [...] }` and rendered when a test reads its args.
 */
export interface TemplateCall {
  $template: string;
  args: ConfigValue[];
}

export interface ClientDef {
  name: string;
  /** `openai`, `anthropic`, `openai-generic`, `azure-openai`, `google-ai`, `fallback`, … */
  provider: string;
  options: { [key: string]: ConfigValue };
  /** Name of a `retry_policy`. */
  retryPolicy?: string;
  /** True for a client created from the `"provider/model"` shorthand. */
  shorthand?: boolean;
}

export type RetryStrategy =
  | { type: 'constant_delay'; delayMs: number }
  | { type: 'exponential_backoff'; delayMs: number; multiplier: number; maxDelayMs: number };

export interface RetryPolicyDef {
  name: string;
  /** Extra attempts after the first. */
  maxRetries: number;
  strategy: RetryStrategy;
}

export interface GeneratorDef {
  name: string;
  outputType: string;
  /** Relative to the `baml_src` folder. */
  outputDir: string;
  version?: string;
  defaultClientMode?: 'sync' | 'async';
  moduleFormat?: 'cjs' | 'esm';
  /** Set by `tsbaml generate`, not by the block: `.ts` for a Deno project (see import-style). */
  importExtension?: '.ts';
  /** Every option as written, including the ones above. */
  options: { [key: string]: ConfigValue };
}

export interface TestDef {
  name: string;
  functions: string[];
  args: { [key: string]: ConfigValue };
  constraints?: Constraint[];
  /**
   * The bodies of the test's `type_builder { … }` blocks, joined: BAML text as
   * `TypeBuilder.addBaml` reads it, applied when the test runs.
   */
  typeBuilder?: string;
}

/** A whole `baml_src/` program. Records keep declaration order (JSON objects do too). */
export interface Program {
  irVersion: typeof IR_VERSION;
  classes: Record<string, ClassDef>;
  enums: Record<string, EnumDef>;
  typeAliases: Record<string, TypeAliasDef>;
  functions: Record<string, FunctionDef>;
  templateStrings: Record<string, TemplateStringDef>;
  clients: Record<string, ClientDef>;
  retryPolicies: Record<string, RetryPolicyDef>;
  generators: GeneratorDef[];
  tests: TestDef[];
  /** Top-level `let` bindings (present only when the program has some). */
  globals?: GlobalDef[];
}
