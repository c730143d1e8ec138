// jest's node environment, which under `npm test` also hands each test file the built packages of
// this repository (and the large libraries they share with the tests), loaded once per jest worker
// by Node itself.
// Why: jest gives every test file a fresh module registry, so each file evaluated the whole
// federation again (Apollo Gateway alone is 830 files; @ecg/policy 731): 2.5-4 s of every file's
// time, about half of all the suite's CPU. The packages are the same code either way: `npm test`
// builds them first (pretest) and run-suite.js then sets ECG_TEST_BUILT=1. Each file still starts
// its own federation on its own databases; only the code is shared, never a server or a row.
// Without ECG_TEST_BUILT (one file run with `npx jest`, sources edited since the build) the
// sources are used, through ts-jest. A file that would mix the two copies says `@ecg-sources` in
// its docblock to keep to the sources: one that imports sources by path (an entity is known only to
// its own copy of typeorm) or declares type-graphql types (its `String` is not the built one's).
const { TestEnvironment } = require('jest-environment-node');

const BUILT = [
  '@ecg/policy',
  '@ecg/infrastructure',
  '@ecg/demo-data',
  '@ecg/organization',
  '@ecg/contact',
  '@ecg/credential',
  '@ecg/gateway',
  '@ecg/tools',
  // Shared with the packages above: one copy, or a schema or an entity from the other is foreign.
  'graphql',
  'type-graphql',
  'typeorm',
  '@apollo/subgraph',
  '@apollo/composition',
  'jose',
  'otpauth',
  // Large, and used by many test files.
  'exceljs',
  'playwright-core',
  'axe-core',
];

class BuiltPackagesEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    if (process.env.ECG_TEST_BUILT !== '1' || 'ecg-sources' in context.docblockPragmas) return;
    // The built packages read this process's environment, not the test file's copy of it.
    process.env.APOLLO_TELEMETRY_DISABLED = '1';
    // test/support/use-built-packages.ts puts them in the file's module registry.
    this.global.__ecgBuiltPackages = { ids: BUILT, load: (id) => require(id) };
  }
}

module.exports = BuiltPackagesEnvironment;
