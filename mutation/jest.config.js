/**
 * The jest run Stryker uses: the project's config, with only the specs beside the code of
 * one lib (MUTATION_LIB, set by mutation/run.mjs; all of libs/ without it). e2e and workflow
 * suites (test/) boot the app on SQLite and are "related" to every domain file through the
 * apps; a mutant only they kill is a gap in the lib's own specs.
 * Left out unless MUTATION_ALL_SPECS=1: property specs (random inputs, seconds each) and
 * read-model specs (a SQLite database each, built in beforeAll, which makes every mutant it
 * reaches run every test). A kill must come from a spec beside the code that states its amount
 * and kills it on every run; one file then takes minutes rather than the better part of an hour.
 * MUTATION_READ_MODELS=1 takes the read-model specs in and still leaves the property specs out:
 * for mutating the read models themselves.
 */
const path = require('node:path');
const base = require('../jest.config.js');

const lib = process.env.MUTATION_LIB;

module.exports = {
  ...base,
  rootDir: path.resolve(__dirname, '..'),
  roots: [lib ? `<rootDir>/libs/${lib}` : '<rootDir>/libs'],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns:
    process.env.MUTATION_ALL_SPECS === '1'
      ? ['/node_modules/']
      : process.env.MUTATION_READ_MODELS === '1'
        ? ['/node_modules/', '\\.property\\.spec\\.ts$']
        : ['/node_modules/', '\\.property\\.spec\\.ts$', '/read-models/'],
};
