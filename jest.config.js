import { availableParallelism } from 'node:os';

// Tests run the TypeScript sources as ESM (the @actions/* packages are ESM-only).
// The global setup/teardown and the setup file check infra/iam-policy.json against the AWS actions
// the product calls during a run of the whole suite (see __tests__/iam/global-teardown.ts).
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Transpiled file by file (no type information: `npm test` type-checks separately), which
  // keeps a cold start of every worker cheap.
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }]
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // Only the code the tests load is indexed: not node_modules, dist/ or the e2e bundles in .tmp/.
  roots: ['<rootDir>/__tests__', '<rootDir>/src', '<rootDir>/test-rig'],
  globalSetup: '<rootDir>/__tests__/iam/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/iam/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/__tests__/iam/suite-done.ts'],
  // Most suites wait on loopback I/O and real timers, not the CPU: two workers per core (a
  // number: jest's haste map reads '200%' as 200 workers).
  maxWorkers: 2 * availableParallelism(),
  testTimeout: 30000,
  verbose: false,
  // The longest files first, also on a clean clone (no timings cached yet).
  testSequencer: '<rootDir>/scripts/jest-sequencer.js',
  // jest's summary, then the slowest files with their times.
  reporters: ['default', '<rootDir>/scripts/jest-timings.js']
};
