#!/usr/bin/env node
// `npm test`: every test, as jest runs one after the other, then one line summing them all.
//   main         unit, integration and browser files, one more at a time than the machine has cores
//                (TEST_WORKERS to choose), and the second gateway engine's check when it is
//                installed: most of the suite, packed by jest
//   slow         statistical timing tests, alone on the machine so other tests do not skew them
//   audit        the log audit: reads the log and secrets every run before it wrote, so it is last
// One group only: `node test/support/run-suite.js integration|browser|slow|hive|audit` (npm run
// test:integration, test:browser, test:slow); other arguments go to jest.
// Hive Gateway (checks/hive-gateway) is a package of its own: .ci/run installs it; elsewhere its
// check is skipped, with the command that installs it, unless installed.
// Each run writes test-output/jest-<step>.json; the last line is "N passed, N failed".
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { availableParallelism } = require('node:os');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '../..');
const OUT = join(ROOT, 'test-output');
const JEST = require.resolve('jest/bin/jest', { paths: [ROOT] });
const HIVE = join(ROOT, 'checks/hive-gateway');

// `npm test` and `npm run test:*` build the packages first (pre-step or script): the test files may
// then share the built packages across a worker (test/support/node-environment.js).
const BUILT = /^test(:|$)/.test(process.env.npm_lifecycle_event ?? '') ? { ECG_TEST_BUILT: '1' } : {};
const hiveInstalled = existsSync(join(HIVE, 'node_modules'));
// A test file keeps a core busy about half its time (it waits on Chromium, mail and the database):
// on the 2-core machine the main step took 493 s with three files at a time, 535 s with two and
// 572 s with four (one quiet run each; `.ci/run` prints the suite's time to compare).
const WORKERS = Number(process.env.TEST_WORKERS) || availableParallelism() + 1;
const STEPS = {
  main: { projects: ['unit', 'integration', 'browser', ...(hiveInstalled ? ['hive'] : [])], workers: WORKERS },
  slow: { projects: ['slow'], workers: 1 },
  audit: { projects: ['audit'], workers: 1 },
};
const ONE_GROUP = {
  integration: { projects: ['unit', 'integration'], workers: WORKERS },
  browser: { projects: ['browser'], workers: WORKERS },
  hive: { projects: ['hive'], workers: 1, needs: HIVE },
  slow: STEPS.slow,
  audit: STEPS.audit,
  // Not in `npm test`: .ci/run runs it after, and adds its counts (npm run test:cluster).
  cluster: { projects: ['cluster'], workers: 1 },
};

const asked = process.argv.slice(2).filter((a) => a in ONE_GROUP);
const jestArgs = process.argv.slice(2).filter((a) => !(a in ONE_GROUP));
const steps = asked.length ? asked.map((name) => [name, ONE_GROUP[name]]) : Object.entries(STEPS);
// CI installs Hive Gateway: missing there is a failure, not a skip.
const lines = [];
let passed = 0;
let failed = 0;
if (!asked.length && !hiveInstalled) {
  if (process.env.CI) failed += 1;
  lines.push(`hive: ${process.env.CI ? 'FAILED' : 'skipped'} (not installed: npm ci --prefix checks/hive-gateway)`);
}

mkdirSync(OUT, { recursive: true });
// One suite log for all runs: emptied here, kept by each run's global set-up (global-setup.js).
writeFileSync(join(OUT, 'suite.log'), '');
writeFileSync(join(OUT, 'secrets.jsonl'), '');

const started = Date.now();
for (const [name, step] of steps) {
  const output = join(OUT, `jest-${name}.json`);
  if (step.needs && !existsSync(join(step.needs, 'node_modules'))) {
    const why = `not installed: npm ci --prefix ${step.needs.slice(ROOT.length + 1)}`;
    if (process.env.CI) failed += 1;
    lines.push(`${name}: ${process.env.CI ? 'FAILED' : 'skipped'} (${why})`);
    continue;
  }
  const args = [
    '--selectProjects',
    ...step.projects,
    step.workers > 1 ? `--maxWorkers=${step.workers}` : '--runInBand',
  ];
  const stepStarted = Date.now();
  console.log(`\n=== ${name}: jest ${args.join(' ')}`);
  const run = spawnSync(process.execPath, [JEST, ...args, '--json', `--outputFile=${output}`, ...jestArgs], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...BUILT, ECG_SUITE_LOG: 'keep' },
  });
  let result = { numPassedTests: 0, numFailedTests: 0, numRuntimeErrorTestSuites: 0, numTotalTestSuites: 0 };
  try {
    result = JSON.parse(readFileSync(output, 'utf8'));
  } catch {
    result.numRuntimeErrorTestSuites = 1; // jest died before writing its report
  }
  const stepFailed =
    result.numFailedTests +
    result.numRuntimeErrorTestSuites +
    (run.status && !result.numFailedTests && !result.numRuntimeErrorTestSuites ? 1 : 0);
  passed += result.numPassedTests;
  failed += stepFailed;
  lines.push(
    `${name}: ${result.numPassedTests} passed, ${stepFailed} failed, ${result.numTotalTestSuites} files, ${Math.round((Date.now() - stepStarted) / 1000)} s`,
  );
}
console.log(`\n${lines.join('\n')}`);
console.log(`suite wall time: ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed`);
writeFileSync(join(OUT, 'suite-summary.json'), JSON.stringify({ passed, failed, steps: lines }));
process.exit(failed ? 1 : 0);
