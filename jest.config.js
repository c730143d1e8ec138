// Plain JavaScript: a .ts config makes jest type-check it through ts-node on every run (about 5 s).

// ts-jest transpiles each file on its own (fast); `npm run check:types` is the type check.
/** @type {import('jest').Config['transform']} */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

const moduleNameMapper = {
  '^@ecg/(policy|infrastructure|demo-data)$': '<rootDir>/packages/$1/src/index.ts',
  '^@ecg/(organization|contact|credential)$': '<rootDir>/subgraphs/$1/src/server.ts',
  '^@ecg/gateway$': '<rootDir>/gateway/src/server.ts',
  '^@ecg/tools$': '<rootDir>/tools/src/index.ts',
};

const common = {
  transform,
  moduleNameMapper,
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/setup-env.ts'],
};

// Outside the shared integration run: statistical timing tests want the machine to themselves,
// the browser tests drive Chromium (heavy, and slow to start), and the log audit must read the log
// every other test wrote. `npm test` (test/support/run-suite.js) runs each group after the other.
const SLOW = ['security-hash-pool', 'security-reset-timing'];
const BROWSER = ['web-*', 'graphiql-browser', 'second-factor-passkey'];
const AUDIT = ['log-audit'];
// Three Galera nodes, HAProxy and eight service processes: alone, by `npm run test:cluster`.
const CLUSTER = ['cluster-faults'];
const files = (names) => names.map((n) => `<rootDir>/test/${n}.test.ts`);
// web-account-api drives the web app's API without a browser: it stays with the integration tests.
const NOT_BROWSER = ['/node_modules/', '<rootDir>/test/web-account-api\\.test\\.ts$'];
const ignored = (names) => names.map((n) => `<rootDir>/test/${n.replace('*', '(?!account-api)[\\w-]+')}\\.test\\.ts$`);

// The federation's tests: the built packages once per worker under `npm test` (node-environment.js).
const federation = {
  ...common,
  testEnvironment: '<rootDir>/test/support/node-environment.js',
  setupFiles: [...common.setupFiles, '<rootDir>/test/support/use-built-packages.ts'],
};

/** @type {import('jest').Config} */
const config = {
  projects: [
    // No database, no network: pure functions and configuration.
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/packages/*/src/**/*.test.ts',
        '<rootDir>/subgraphs/*/src/**/*.test.ts',
        '<rootDir>/gateway/src/**/*.test.ts',
        '<rootDir>/tools/src/**/*.test.ts',
      ],
    },
    // The real federation on ephemeral ports over a real MariaDB/MySQL database per run.
    {
      ...federation,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...ignored([...SLOW, ...BROWSER, ...AUDIT, ...CLUSTER])],
      slowTestThreshold: 30,
    },
    { ...federation, displayName: 'slow', testMatch: files(SLOW), slowTestThreshold: 120 },
    {
      ...federation,
      displayName: 'browser',
      testMatch: files(BROWSER),
      testPathIgnorePatterns: NOT_BROWSER,
      slowTestThreshold: 60,
    },
    { ...federation, displayName: 'audit', testMatch: files(AUDIT) },
    { ...federation, displayName: 'cluster', testMatch: files(CLUSTER), slowTestThreshold: 240 },
    // The second gateway engine, from its own install (checks/hive-gateway).
    { ...common, displayName: 'hive', testMatch: ['<rootDir>/checks/hive-gateway/*.test.ts'] },
  ],
  testTimeout: 60_000,
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
};

module.exports = config;
