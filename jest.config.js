// Tests run the TypeScript sources as ESM (the @actions/* packages are ESM-only).
// The global setup/teardown and the setup file check infra/iam-policy.json against the AWS actions
// the product calls during a run of the whole suite (see __tests__/iam/global-teardown.ts).
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }] },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  globalSetup: '<rootDir>/__tests__/iam/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/iam/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/__tests__/iam/suite-done.ts'],
  testTimeout: 30000,
  verbose: false
};
