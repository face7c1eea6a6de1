// The catalogue of every diagnostic the compiler can report. A code is stable once published:
// tests and editors match on it, never on the prose, so wording may change but codes may not.
// Each entry renders its message (and optionally a hint) from a small typed parameter object.

import { statementMessages } from './statement-messages.js';

interface Template<P> {
  severity: 'error' | 'warning';
  message: (params: P) => string;
  hint?: (params: P) => string;
}

function error<P = Record<string, never>>(
  message: (params: P) => string,
  hint?: (params: P) => string,
): Template<P> {
  return hint ? { severity: 'error', message, hint } : { severity: 'error', message };
}

function warning<P = Record<string, never>>(
  message: (params: P) => string,
  hint?: (params: P) => string,
): Template<P> {
  return hint ? { severity: 'warning', message, hint } : { severity: 'warning', message };
}

type Found = { found: string };
type Named = { name: string };

/** Every diagnostic code, its severity, message template and hint. */
export const messages = {
  internal_error: error<{ message: string }>(
    (p) => `Internal compiler error: ${p.message}`,
    () => 'This is a bug in tsbaml; please report it with the .baml file that triggers it.',
  ),
  // ---- lexical ----
  invalid_character: error<Found>(
    (p) => `Unexpected character ${p.found}`,
    () => 'Remove it, or put the text inside a quoted string.',
  ),
  unterminated_string: error(
    () => 'This string is not closed before the end of the line',
    () => 'Add the closing `"`, or use a block string `#"…"#` for text that spans lines.',
  ),
  unterminated_raw_string: error<{ closing: string }>(
    (p) => `This block string is never closed with \`${p.closing}\``,
    (p) => `Add \`${p.closing}\` where the string should end.`,
  ),
  unterminated_block_comment: error(
    () => 'This block comment is never closed',
    () => 'Close it with `//}`.',
  ),
  unterminated_expression: error(
    () => 'This `{{` expression is never closed',
    () => 'Close the expression with `}}`.',
  ),
  // ---- syntax ----
  unexpected_token: error<{ expected: string; found: string }>(
    (p) => `Expected ${p.expected}, found ${p.found}`,
  ),
  expected_newline: error<{ what: string }>(
    (p) => `Each ${p.what} must start on its own line`,
    () => 'Put a line break here: one-line blocks such as `class A { x int }` are not allowed.',
  ),
  too_deeply_nested: error<{ limit: number }>(
    (p) => `This is nested more than ${p.limit} levels deep`,
    () => 'Flatten it, for example with a `type` alias or a class.',
  ),
  field_colon: error(
    () => 'Fields are written `name type`, without a colon',
    () => 'Remove the `:` (colons are only used in function parameters).',
  ),
  unknown_declaration: error<{ found: string; suggestion?: string }>(
    (p) => `Unexpected ${p.found} at the top level`,
    (p) =>
      p.suggestion
        ? `Did you mean \`${p.suggestion}\`?`
        : 'A file contains only `class`, `enum`, `type`, `function`, `template_string`, `client<llm>`, `retry_policy`, `generator` and `test` blocks.',
  ),
  incomplete_dynamic: error(
    () =>
      "Incomplete 'dynamic' type definition. Use 'dynamic class' or 'dynamic enum' to add properties to types that contain the `@@dynamic` attribute.",
  ),
  type_builder_syntax: error(
    () => 'Syntax error in type builder block',
    () => 'A type_builder holds `class`, `enum`, `type` and `dynamic class`/`dynamic enum` blocks.',
  ),
  multiple_type_builders: error(
    () => 'Definition of multiple `type_builder` blocks in the same parent block',
    () => 'Merge them into one `type_builder { … }`.',
  ),
  type_builder_outside_test: error(() => 'Only tests may have a type_builder block.'),
  unreadable_block: error(
    () => 'This line is invalid. It does not start with any known Baml schema keyword.',
    () =>
      'The block starting here cannot be read (see the next error); nothing after it in this file is read.',
  ),
  // ---- names ----
  duplicate_name: error<{ kind: string; name: string }>(
    (p) => `The ${p.kind} \`${p.name}\` is declared more than once`,
    () => 'Rename or remove one of the declarations.',
  ),
  duplicate_field: error<{ owner: string; name: string }>(
    (p) => `\`${p.owner}\` has more than one field named \`${p.name}\``,
    () => 'Field names must be unique within a class.',
  ),
  duplicate_enum_value: error<{ owner: string; name: string }>(
    (p) => `\`${p.owner}\` has more than one value named \`${p.name}\``,
    () => 'Enum values must be unique within an enum.',
  ),
  // TypeBuilder.addBaml (src/type-builder): the text of a `type_builder` block.
  type_builder_declaration: error<Found>(
    (p) => `Unexpected ${p.found} in a type builder block`,
    () => 'Only `class`, `enum`, `type`, `dynamic class` and `dynamic enum` are allowed here.',
  ),
  type_builder_not_dynamic: error<Named>(
    (p) =>
      `Type '${p.name}' does not contain the \`@@dynamic\` attribute so it cannot be modified in a type builder block`,
    () => 'Add `@@dynamic` to it in the schema, or declare a new type instead.',
  ),
  type_builder_dynamic_attribute: error<{ extension: boolean }>(
    (p) =>
      p.extension
        ? 'Dynamic type definitions cannot contain the `@@dynamic` attribute'
        : 'The `@@dynamic` attribute is not allowed in type_builder blocks',
    () => 'Remove `@@dynamic`: what a type builder declares can be extended anyway.',
  ),
  type_builder_kind_mismatch: error<{ name: string; found: string; written: string }>(
    (p) =>
      p.found === 'a type alias'
        ? `The \`dynamic\` keyword only works on classes and enums, but type '${p.name}' is a type alias`
        : `Type '${p.name}' is ${p.found}, but the dynamic block is defined as 'dynamic ${p.written}'`,
    (p) =>
      p.found === 'a type alias'
        ? 'Extend the class or enum the alias names instead.'
        : `Write \`dynamic ${p.written === 'class' ? 'enum' : 'class'} ${p.name}\`.`,
  ),
  type_builder_unknown_type: error<{ name: string; suggestion?: string }>(
    (p) => `Type '${p.name}' does not exist, so a \`dynamic\` block cannot add to it`,
    (p) =>
      p.suggestion
        ? `Did you mean \`${p.suggestion}\`?`
        : 'Declare a new type with `class` or `enum` (without `dynamic`).',
  ),
  duplicate_parameter: error<{ owner: string; name: string }>(
    (p) => `\`${p.owner}\` has more than one parameter named \`${p.name}\``,
  ),
  reserved_name: error<Named>(
    (p) => `\`${p.name}\` is a reserved name and cannot be declared`,
    () => 'Choose another name.',
  ),
  python_reserved_name: error<{ message: string }>(
    (p) => p.message,
    () =>
      'Rename it and keep the old name with `@alias("…")`, or drop the python/pydantic generator.',
  ),
  unknown_type: error<{ name: string; suggestion?: string }>(
    (p) => `Unknown type \`${p.name}\``,
    (p) =>
      p.suggestion
        ? `Did you mean \`${p.suggestion}\`?`
        : 'Declare it with `class`, `enum` or `type`, or use a primitive such as `string`, `int`, `float`, `bool`.',
  ),
  unknown_client: error<{ name: string; suggestion?: string }>(
    (p) => `Unknown client \`${p.name}\``,
    (p) =>
      p.suggestion
        ? `Did you mean \`${p.suggestion}\`?`
        : 'Declare it with `client<llm> Name { … }`, or use the shorthand `client "openai/gpt-4o"`.',
  ),
  unknown_retry_policy: error<Named>(
    (p) => `Unknown retry policy \`${p.name}\``,
    () => 'Declare it with `retry_policy Name { max_retries 3 }`.',
  ),
  unknown_function: warning<Named>(
    (p) => `Function \`${p.name}\` not found`,
    () => 'The test is not run for it. A test can only name functions declared with `function`.',
  ),
  duplicate_test: error<{ test: string; function: string }>(
    (p) => `Test "${p.test}" is already defined for function "${p.function}"`,
    () => 'Rename one of the tests, or list the function only once.',
  ),
  alias_cycle: error<Named>(
    (p) => `The type alias \`${p.name}\` refers to itself without going through a list or map`,
    () => 'A recursive alias must recurse inside `T[]` or `map<K, T>`, e.g. `type J = int | J[]`.',
  ),
  class_cycle: error<{ names: string[] }>(
    (p) =>
      p.names.length === 1
        ? `\`${p.names[0]}\` requires itself through a required field, so no value can ever be complete`
        : `${p.names.map((n) => `\`${n}\``).join(', ')} require each other through required fields, so no value can ever be complete`,
    () => 'Make one of the fields optional (`T?`), a list, or a union with another type.',
  ),
  fallback_cycle: error<{ names: string[] }>(
    (p) => `These fallback clients form a dependency cycle: ${p.names.join(' -> ')}`,
    () => 'A fallback strategy must end in clients that are not fallbacks back to it.',
  ),
  type_redefined: error<{ kind: string; name: string }>(
    (p) =>
      `The ${p.kind} "${p.name}" cannot be re-defined because ${p.kind === 'enum' ? 'an' : 'a'} ${p.kind} with that name already exists.`,
    () => 'A type_builder adds new types or extends `@@dynamic` ones with `dynamic class`.',
  ),
  dynamic_in_type_builder: error(
    () => 'The `@@dynamic` attribute is not allowed in type_builder blocks',
  ),
  dynamic_in_dynamic_block: error(
    () => 'Dynamic type definitions cannot contain the `@@dynamic` attribute',
  ),
  dynamic_on_alias: error<Named>(
    (p) =>
      `The \`dynamic\` keyword only works on classes and enums, but type '${p.name}' is a type alias`,
  ),
  dynamic_kind_mismatch: error<{ name: string; actual: string; kind: string }>(
    (p) =>
      `Type '${p.name}' is ${p.actual === 'enum' ? 'an enum' : 'a class'}, but the dynamic block is defined as 'dynamic ${p.kind}'`,
  ),
  dynamic_not_allowed: error<Named>(
    (p) =>
      `Type '${p.name}' does not contain the \`@@dynamic\` attribute so it cannot be modified in a type builder block`,
    () => 'Add `@@dynamic` to the type, or declare a new type in the type_builder.',
  ),
  // ---- types ----
  float_literal_type: error<Found>(
    (p) => `Float literal values are not supported: ${p.found}`,
    () => 'Literal types are strings, integers or booleans; use `float` for any number.',
  ),
  invalid_map_key: error<{ found: string }>(
    (p) => `\`${p.found}\` cannot be a map key`,
    () => 'Map keys must be `string`, an enum, a string literal, or a union of string literals.',
  ),
  unsupported_output_type: warning<{ name: string; found: string; path: string }>(
    (p) =>
      `\`${p.name}\` returns ${p.found}${p.path ? ` (at ${p.path})` : ''}, which is not supported in outputs`,
    () => 'Media types and tuples can be function inputs only; an LLM cannot return them.',
  ),
  check_in_parameter: error(
    () => 'Types with checks are not allowed as function parameters.',
    () => 'Use `@assert` for inputs, or pass a type without `@check`.',
  ),
  // ---- attributes ----
  unknown_attribute: error<Named>(
    (p) => `Unknown attribute \`${p.name}\``,
    () =>
      'Known attributes: @alias, @description, @skip, @check, @assert, @stream.done, @stream.not_null, @stream.with_state and the block forms @@alias, @@description, @@dynamic, @@check, @@assert, @@stream.done, @@stream.not_null.',
  ),
  attribute_not_allowed: error<{ name: string; place: string }>(
    (p) => `\`${p.name}\` is not allowed on ${p.place}`,
  ),
  invalid_attribute_arguments: error<{ name: string; expected: string }>(
    (p) => `\`${p.name}\` expects ${p.expected}`,
  ),
  jinja_syntax: error<{ message: string }>(
    (p) => `Error parsing jinja template: ${p.message}`,
    () => 'The text between `{{` and `}}` must be one Jinja expression, e.g. `this|length > 0`.',
  ),
  constraint_on_test_field: error<Named>(
    (p) =>
      `@${p.name} is not allowed on test fields. Use @@${p.name} at the test block level instead.`,
  ),
  duplicate_attribute: error<Named>(
    (p) => `\`${p.name}\` is given more than once`,
    () => 'Keep only one.',
  ),
  skip_on_required_field: error<Named>(
    (p) => `\`@skip\` is only allowed on optional fields, but \`${p.name}\` is required`,
    () => 'Make the field optional (`T?`) or remove `@skip`.',
  ),
  // ---- blocks with properties ----
  missing_property: error<{ block: string; property: string }>(
    (p) => `${p.block} is missing \`${p.property}\``,
  ),
  unknown_property: error<{ block: string; property: string }>(
    (p) => `Unknown property \`${p.property}\` in ${p.block}`,
  ),
  duplicate_property: error<{ property: string }>(
    (p) => `\`${p.property}\` is given more than once`,
    () => 'Keep only one.',
  ),
  invalid_property_value: error<{ property: string; expected: string }>(
    (p) => `\`${p.property}\` must be ${p.expected}`,
  ),
  invalid_client_option: error<{ message: string }>((p) => p.message),
  unknown_generator_output_type: error<Named>(
    (p) => `Unknown generator output_type \`${p.name}\``,
    () =>
      'Use one of: typescript, typescript/react, python/pydantic, python/pydantic/v1, ruby/sorbet, go, rust, rest/openapi.',
  ),
  invalid_shorthand_client: error<Named>(
    (p) => `\`${p.name}\` is not a valid client shorthand`,
    () => 'Write it as "provider/model", e.g. "openai/gpt-4o".',
  ),
  ...statementMessages,
} satisfies Record<string, Template<never>>;

/** A stable snake_case diagnostic code. */
export type DiagnosticCode = keyof typeof messages;

/** The parameters a code's message template needs. */
export type MessageParams<C extends DiagnosticCode> = ParamsOf<(typeof messages)[C]>;

type ParamsOf<T> =
  T extends Template<infer P>
    ? [P] extends [never]
      ? Record<string, never>
      : unknown extends P
        ? Record<string, never>
        : P
    : never;
