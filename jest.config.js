/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  reporters: ['default', '<rootDir>/scripts/summary-reporter.js'],
  transform: {
    // With isolatedModules in tsconfig, ts-jest only transpiles; `npm test` type-checks once with tsc.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^cdktf-san-dr$': '<rootDir>/lib/index.ts',
  },
};
