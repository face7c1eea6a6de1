import type { ConfigValue, Constraint, Program } from '../../ir/types.js';
// The package entry, not client/baml-runtime.js: importing it installs the real engine.
import { type BamlCallOptions, BamlRuntime, isBamlError } from '../../runtime/index.js';
import { isEnvRef, isTemplateCall } from '../../runtime/llm/config-value.js';
import { renderTemplateString } from '../../runtime/template/render-prompt.js';
import { TypeBuilder } from '../../type-builder/index.js';
import type { CliIo } from '../cli-io.js';
import { loadDotenv } from '../load-dotenv.js';
import { loadProgram } from '../load-program.js';
import { evaluateTestConstraints } from '../test-constraints.js';
import type { Toolchain } from '../toolchain.js';

/** Options of `tsbaml test`. */
export interface TestOptions {
  from: string;
  /** Only cases whose `Function::Test` name contains one of these (case-insensitive). */
  include?: string[];
  /** How many cases run at once (default 4). */
  parallel?: number;
}

/** One test block run against one of its functions. */
interface TestCase {
  test: string;
  fn: string;
  args: Record<string, unknown>;
  /** Why the args could not be read (a failing `template_string` call): the case fails with it. */
  argsError?: unknown;
  /** The block's `@@check` / `@@assert`, evaluated on the result. */
  constraints: Constraint[];
  /** The block's `type_builder { … }` text, applied to the call with `TypeBuilder.addBaml`. */
  typeBuilder?: string;
}

/**
 * `tsbaml test`: runs the `test` blocks of the .baml files against their functions' real clients
 * and prints a pass/fail line per case. A case passes when the function returns a value that
 * validates against its return type and every test-level `@@assert` holds; a failing `@@check`
 * is listed under the case without failing it. Exit code 1 if any case fails.
 */
export async function runTest(
  options: TestOptions,
  toolchain: Toolchain,
  io: CliIo,
): Promise<number> {
  const { program, sources } = await loadProgram(options.from, toolchain, io);
  await loadDotenv(io.cwd, io.env);
  const cases = selectCases(program, options.include ?? [], io.env);
  if (cases.length === 0) {
    io.err(
      options.include?.length
        ? `No test matches ${options.include.join(', ')}.\n`
        : 'No test blocks found.\n',
    );
    return options.include?.length ? 1 : 0;
  }
  io.out(`Running ${cases.length} test case${cases.length === 1 ? '' : 's'}\n`);
  const runtime = new BamlRuntime(program, {
    sources: Object.fromEntries(sources.map((s) => [s.path, s.text])),
  });
  const env = { ...io.env };
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const testCase = cases[next++] as TestCase;
      const started = Date.now();
      const label = `${testCase.fn}::${testCase.test}`;
      try {
        const options: BamlCallOptions = { env };
        if (testCase.typeBuilder !== undefined) {
          const tb = new TypeBuilder(program);
          tb.addBaml(testCase.typeBuilder);
          options.tb = tb;
        }
        if (testCase.argsError !== undefined) throw testCase.argsError;
        const value = await runtime.call(testCase.fn, testCase.args, options);
        const latencyMs = Date.now() - started;
        const seconds = (latencyMs / 1000).toFixed(1);
        const verdict = evaluateTestConstraints(testCase.constraints, value, latencyMs);
        const notes = verdict.failedChecks.map(
          (check) => `       check ${check.name} failed: {{ ${check.expression} }}\n`,
        );
        if (verdict.failedAssert) {
          failed++;
          const assert = verdict.failedAssert;
          const which = assert.name ? `assert ${assert.name}` : 'assert';
          io.out(
            `  FAIL ${label} ${seconds}s\n       ${which} failed: {{ ${assert.expression} }}\n` +
              `       ${preview(value)}\n${notes.join('')}`,
          );
        } else {
          io.out(`  PASS ${label} ${seconds}s\n       ${preview(value)}\n${notes.join('')}`);
        }
      } catch (error) {
        failed++;
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        io.out(`  FAIL ${label} ${seconds}s\n       ${describeFailure(error)}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? 4) }, worker));
  io.out(`${cases.length - failed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

function selectCases(
  program: Program,
  include: string[],
  env: Record<string, string | undefined>,
): TestCase[] {
  const patterns = include.map((p) => p.toLowerCase());
  const cases: TestCase[] = [];
  for (const test of program.tests) {
    for (const fn of test.functions) {
      const label = `${fn}::${test.name}`.toLowerCase();
      if (patterns.length > 0 && !patterns.some((p) => label.includes(p))) continue;
      let args: Record<string, unknown> = {};
      let argsError: unknown;
      try {
        args = Object.fromEntries(
          Object.entries(test.args).map(([k, v]) => [k, resolveConfig(v, env, program)]),
        );
      } catch (error) {
        argsError = error;
      }
      cases.push({
        test: test.name,
        fn,
        args,
        ...(argsError !== undefined ? { argsError } : {}),
        constraints: test.constraints ?? [],
        ...(test.typeBuilder !== undefined ? { typeBuilder: test.typeBuilder } : {}),
      });
    }
  }
  return cases;
}

/**
 * Test args are config values: `env.X` references are read now, from the environment. A missing
 * variable is `null` here, where client options (resolveConfigValue) leave the key out. A
 * `template_string` call is rendered with its resolved arguments.
 */
function resolveConfig(
  value: ConfigValue,
  env: Record<string, string | undefined>,
  program: Program,
): unknown {
  if (isEnvRef(value)) return env[value.$env] ?? null;
  if (isTemplateCall(value)) {
    const args = value.args.map((arg) => resolveConfig(arg, env, program));
    return renderTemplateString(program, value.$template, args);
  }
  if (Array.isArray(value)) return value.map((v) => resolveConfig(v, env, program));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveConfig(v as ConfigValue, env, program)]),
    );
  }
  return value;
}

function preview(value: unknown): string {
  const json = JSON.stringify(value) ?? 'undefined';
  return json.length > 160 ? `${json.slice(0, 157)}...` : json;
}

function describeFailure(error: unknown): string {
  const name = isBamlError(error) ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0] ?? '';
  return `${name}: ${first.length > 300 ? `${first.slice(0, 297)}...` : first}`;
}
