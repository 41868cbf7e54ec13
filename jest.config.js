// Test tiers by file name (STYLE.md §17): *.spec.ts unit, *.int-spec.ts against the real
// Postgres / NATS / Chromium, *.e2e-spec.ts through the gateway with all five services running.
const fs = require('node:fs');

const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { ...swcrc, swcrc: false, sourceMaps: 'inline' }] },
  // Nest 12 and a few other dependencies ship ESM only; jest's module system needs them compiled.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@nats-io|@standard-schema|p-queue)/)'],
  moduleNameMapper: { '^@webbyflow/(.*)$': '<rootDir>/libs/$1/src/index.ts' },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/tools/jest/int.setup.js'],
      slowTestThreshold: 30,
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/tools/jest/e2e.setup.js'],
      slowTestThreshold: 60,
    },
    // Benchmarks are not tests: `npm run bench -- <file>` runs them on demand, never in `npm test`.
    {
      ...base,
      displayName: 'bench',
      testMatch: ['<rootDir>/bench/**/*.bench.ts'],
      setupFilesAfterEnv: ['<rootDir>/tools/jest/e2e.setup.js'],
    },
  ],
};
