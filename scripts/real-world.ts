// `npm run real-world`: runs the shared corpora that hold BAML 0.226.2's own verdicts
// (../shared beside the project, or $TSBAML_SHARED; read in place) and fails when a score drops below its floor.
//   - real-world compile verdicts (57 public projects): every verdict must match;
//   - BAML's compiler test files with --strict (first error on BAML's line): at least
//     MIN_SUITE passing;
//   - real-world request bodies (--bodies): every recorded body must be identical.
// Each runner prints `N passed, M failed` last; that line is what is read here.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const SHARED = process.env.TSBAML_SHARED ?? join(process.cwd(), '..', 'shared');
const MIN_SUITE = Number(process.env.MIN_BAML_SUITE ?? 201);

interface Score {
  passed: number;
  failed: number;
}

function run(label: string, args: string[]): Score {
  console.log(`\n== ${label}`);
  const result = spawnSync('npx', ['tsx', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const lines = output.trimEnd().split('\n');
  console.log(lines.filter((line) => /^(FAIL|MISMATCH)/.test(line)).join('\n'));
  const last = lines.at(-1) ?? '';
  const match = /^(\d+) passed, (\d+) failed$/.exec(last);
  if (!match) {
    console.error(`${label}: the runner did not finish:\n${lines.slice(-20).join('\n')}`);
    process.exit(2);
  }
  console.log(last);
  return { passed: Number(match[1]), failed: Number(match[2]) };
}

if (!existsSync(SHARED)) {
  console.error(`No corpora at ${SHARED}: clone the project beside its shared/ folder.`);
  process.exit(2);
}
const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const failures: string[] = [];
const verdicts = run('real-world compile verdicts', [
  join(SHARED, 'real-world/check-compile.ts'),
  '--jobs',
  '2',
]);
if (verdicts.failed > 0) failures.push(`real-world verdicts: ${verdicts.failed} differ from BAML`);
const suite = run('baml-suite --strict', [
  join(SHARED, 'baml-suite/check.ts'),
  '--strict',
  '--cmd',
  'node bin/tsbaml.js check --from {dir}',
]);
if (suite.passed < MIN_SUITE) failures.push(`baml-suite: ${suite.passed} < ${MIN_SUITE} passing`);
if (process.argv.includes('--bodies')) {
  const bodies = run('real-world request bodies', [join(SHARED, 'real-world/check.ts')]);
  if (bodies.failed > 0) failures.push(`real-world bodies: ${bodies.failed} differ from BAML`);
}
if (failures.length > 0) {
  console.error(`\nreal-world: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('\nreal-world: all floors met');
