import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { allowScripts: Record<string, boolean> };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { hasInstallScript?: boolean }>;
};

/** npm 11 runs a dependency's install script only when package.json's allowScripts approves it. */
describe('install scripts', () => {
  const withScripts = [
    ...new Set(
      Object.entries(lock.packages)
        .filter(([, entry]) => entry.hasInstallScript)
        .map(([path]) => path.replace(/^.*node_modules\//, '')),
    ),
  ].sort();

  it('are approved for exactly the native builds the project needs: better-sqlite3 (the store) and sqlite3 (the benchmark peer)', () => {
    const approved = Object.keys(pkg.allowScripts).filter((name) => pkg.allowScripts[name]);
    expect(approved.sort()).toEqual(['better-sqlite3', 'sqlite3']);
  });

  it('are reviewed for every package of the lock file that has one: a new one must be approved or denied', () => {
    expect(withScripts.filter((name) => !(name in pkg.allowScripts))).toEqual([]);
    expect(pkg.allowScripts['@scarf/scarf']).toBe(false);
  });
});
