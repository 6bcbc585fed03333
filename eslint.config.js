// Lint rules, and the boundaries of the architecture: the domain and kernel libs stay
// free of the framework, the database drivers and the apps.
const tseslint = require('typescript-eslint');

const frameworkImports = {
  patterns: [
    { group: ['@nestjs/*'], message: 'The domain is plain TypeScript: no NestJS here.' },
    { group: ['better-sqlite3', '@eventstore/*'], message: 'The domain never touches a database driver.' },
    { group: ['**/apps/**'], message: 'Libraries never import an app.' },
  ],
};

module.exports = tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-bench/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      '.stryker-tmp/**',
      'reports/**',
      '**/*.js',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [frameworkImports.patterns[2]] }],
    },
  },
  {
    files: [
      'libs/kernel/**/*.ts',
      'libs/auth/**/*.ts',
      'libs/routing/**/*.ts',
      'libs/customers/**/*.ts',
      'libs/leads/**/*.ts',
      'libs/sales/**/*.ts',
      'libs/commissions/**/*.ts',
      'libs/disputes/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', frameworkImports],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
);
