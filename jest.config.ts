import type { Config } from 'jest';

// ts-jest transpiles each file on its own (fast); `npm run check:types` is the type check.
const transform: Config['transform'] = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

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

const config: Config = {
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
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/**/*.test.ts'], slowTestThreshold: 30 },
  ],
  testTimeout: 60_000,
  testSequencer: '<rootDir>/test/support/sequencer.js',
  globalSetup: '<rootDir>/test/support/global-setup.js',
};

export default config;
