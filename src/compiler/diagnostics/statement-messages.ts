// Diagnostics of BAML's statement syntax (expression functions, top-level `let`, methods),
// kept apart from messages.ts and spread into its catalogue. Wording follows BAML 0.226.2 where
// it has a message for the same rule.

/** The same shape as a messages.ts template. */
export interface Template<P> {
  severity: 'error' | 'warning';
  message: (params: P) => string;
  hint?: (params: P) => string;
}

function error<P>(message: (params: P) => string, hint?: (params: P) => string): Template<P> {
  return hint ? { severity: 'error', message, hint } : { severity: 'error', message };
}

type Named = { name: string };

export const statementMessages = {
  workflow_experimental: {
    severity: 'warning',
    message: () => 'Workflow functions are experimental, and will break in the future.',
  } as Template<Record<string, never>>,
  variable_experimental: {
    severity: 'warning',
    message: () => 'Variable assignment is experimental, and will break in the future.',
  } as Template<Record<string, never>>,
  missing_semicolon: error<Record<string, never>>(
    () => 'Statement must end with a semicolon.',
    () => 'Add `;` after the statement.',
  ),
  missing_parentheses: error<{ what: string }>(
    (p) => `expected parentheses around ${p.what}`,
    () => 'Write the condition in parentheses: `if (x > 1) { … }`.',
  ),
  unclosed_parenthesis: error<Record<string, never>>(
    () => 'expected closing parentheses for this opening parentheses',
  ),
  unopened_parenthesis: error<Record<string, never>>(
    () => 'expected opening parentheses for this closing parentheses',
  ),
  invalid_statement: error<Record<string, never>>(
    () => 'Invalid statement',
    () => 'A statement starts with a letter: remove the characters before it.',
  ),
  invalid_line: error<Record<string, never>>(
    () => 'This line is invalid. It does not start with any known Baml schema keyword.',
    () =>
      'The function body could be read neither as `client`/`prompt` nor as statements; check its syntax.',
  ),
  missing_return_type: error<Record<string, never>>(
    () => 'function must have a return type: e.g. function Foo() -> int',
  ),
  top_level_statement: error<{ what: string }>(
    (p) => `${p.what} are not allowed at top level, only let statements are allowed`,
  ),
  reserved_keyword: error<Named>(
    (p) => `'${p.name}' is a reserved keyword.`,
    () => 'Choose another name.',
  ),
  duplicate_expr_function: error<Named>(
    (p) => `Expr function name must be unique: \`${p.name}\` is declared more than once`,
  ),
  unknown_variable: error<Named>((p) => `Unknown variable ${p.name}`),
  unknown_callee: error<Named>((p) => `Unknown function ${p.name}`),
  /** A type rule of the statement syntax; the message is BAML's text for the rule. */
  statement_type_error: error<{ message: string }>((p) => p.message),
};
