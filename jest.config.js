/** Jest runs TypeScript through ts-jest, transpile-only (tsconfig sets isolatedModules); `npm run build` type-checks. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 30000,
  // End-to-end suites start real engines; two workers fit this 2-core machine.
  maxWorkers: process.env.JEST_MAX_WORKERS || 2,
};
