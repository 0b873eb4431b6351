// Two projects: `unit` (specs beside the code, no external services) and `integration`
// (talks to the real local stack started by scripts/stack). Select with --selectProjects.
/** @type {import('ts-jest').TsJestTransformerOptions} */
const tsJestOptions = {
  // Type checking is `npm run typecheck`'s job. tsconfig.json sets `isolatedModules`, which makes
  // ts-jest transpile file by file (fast); diagnostics off keeps type errors out of test runs.
  tsconfig: '<rootDir>/tsconfig.json',
  diagnostics: false,
};

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', tsJestOptions] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Mirrors tsconfig `paths`: @syncline/<lib> -> libs/<lib>/src, @syncline/<lib>/x -> libs/<lib>/src/x.
  moduleNameMapper: {
    '^@syncline/([^/]+)$': '<rootDir>/libs/$1/src',
    '^@syncline/([^/]+)/(.+)$': '<rootDir>/libs/$1/src/$2',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.stack/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.stack/'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,scripts,deploy}/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
      // Jest 29 accepts `testTimeout` only at the top level, not per project: this setup file
      // sets 120 s for integration tests alone.
      setupFilesAfterEnv: ['<rootDir>/jest.integration.setup.js'],
    },
  ],
};
