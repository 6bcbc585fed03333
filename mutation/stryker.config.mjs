// @ts-check
/**
 * Mutation testing of the core domain; see docs/testing.md, "Mutation testing".
 * Run it through `npm run mutation` (mutation/run.mjs), which calls Stryker once per lib
 * with MUTATE (the files) and MUTATION_LIB (whose specs run) set. Called directly:
 *
 *   MUTATE=libs/kernel/src/money.ts MUTATION_LIB=kernel npx stryker run mutation/stryker.config.mjs
 */
import { CORE_FILES } from './core-files.mjs';

const only = process.env.MUTATE ? process.env.MUTATE.split(',').map((glob) => glob.trim()) : null;
/** reports/mutation/<name>.html|json|incremental.json: the lib, or `core` for everything at once. */
const name = process.env.MUTATION_NAME ?? process.env.MUTATION_LIB ?? 'core';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'mutation/jest.config.js',
    // Only the specs that import the mutated file, then per mutant only the tests that reach it.
    enableFindRelatedTests: true,
  },
  coverageAnalysis: 'perTest',
  mutate: only ?? Object.values(CORE_FILES).flat(),
  // Two cores shared with everything else on the machine.
  concurrency: 1,
  timeoutMS: 30000,
  // Reports and the sandbox stay out of git (.gitignore: reports/mutation/, .stryker-tmp/).
  // One sandbox folder per report name, so two named runs never clean each other's sandbox.
  tempDirName: `.stryker-tmp/${name}`,
  cleanTempDir: true,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // With --incremental, a rerun tests only mutants whose code or covering specs changed.
  incrementalFile: `reports/mutation/${name}.incremental.json`,
  // The sandbox copies the project; leave out what no spec under libs/ reads.
  ignorePatterns: ['dist', 'dist-bench', 'data', 'coverage', 'bench/results', 'reports', '.stryker-tmp'],
  thresholds: { high: 90, low: 80, break: null },
};
