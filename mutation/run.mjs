/**
 * npm run mutation                              every core file (mutation/core-files.mjs), lib by lib
 * npm run mutation -- libs/kernel/src/money.ts  these files (or globs) only, still lib by lib
 * npm run mutation -- --incremental             Stryker options pass through (here: only the mutants
 *                                               whose code or covering specs changed since the last run)
 *
 * One Stryker run per lib, each mutant tested by that lib's specs only; reports in
 * reports/mutation/<lib>.html and .json. Exits non-zero if a run fails (not on a low score).
 */
import { spawnSync } from 'node:child_process';
import { CORE_FILES, READ_MODEL_FILES, isReadModel, libOf } from './core-files.mjs';

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('-') && a.includes('/'));
const options = args.filter((a) => !files.includes(a));

// Read models run apart: their specs build a database each, so they are taken in only for them.
const groups = new Map();
const groupOf = (lib, readModels) => {
  const key = readModels ? `${lib} read models` : lib;
  if (!groups.has(key)) groups.set(key, { lib, readModels, globs: [] });
  return groups.get(key);
};
if (files.length === 0) {
  for (const [lib, globs] of Object.entries(CORE_FILES)) groupOf(lib, false).globs.push(...globs);
  for (const [lib, globs] of Object.entries(READ_MODEL_FILES)) groupOf(lib, true).globs.push(...globs);
}
for (const file of files) {
  const lib = libOf(file);
  if (!lib) {
    console.error(`${file}: not under libs/<lib>/`);
    process.exit(2);
  }
  groupOf(lib, isReadModel(file)).globs.push(file);
}

for (const [key, { lib, readModels, globs }] of groups) {
  console.log(`\n== mutation: libs/${key} (${globs.filter((g) => !g.startsWith('!')).join(', ')})`);
  const env = { ...process.env, MUTATE: globs.join(','), MUTATION_LIB: lib };
  if (readModels) {
    env.MUTATION_READ_MODELS = '1';
    env.MUTATION_NAME ??= `${lib}-read-models`;
  }
  const run = spawnSync('npx', ['stryker', 'run', 'mutation/stryker.config.mjs', ...options], {
    stdio: 'inherit',
    env,
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
