import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const sources = join(root, 'apps', 'console', 'src');
const built = join(root, 'dist', 'console');

/**
 * `npm test` without `npm run build` first, or after the console's source changed: build the
 * console the engine serves (esbuild, about a second). Test files run in parallel workers, so
 * each builds into its own directory and moves the files in one by one (a rename replaces a
 * file at once): no engine ever serves a half-written file.
 */
export function ensureConsoleBuilt(): void {
  const bundle = join(built, 'console.js');
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource(sources)) return;
  const scratch = join(root, 'dist', `console-build-${process.pid}`);
  execFileSync(process.execPath, [join(root, 'apps', 'console', 'build.mjs'), scratch], { cwd: root, stdio: 'pipe' });
  mkdirSync(built, { recursive: true });
  for (const file of readdirSync(scratch)) renameSync(join(scratch, file), join(built, file));
  rmSync(scratch, { recursive: true, force: true });
}

function newestSource(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? newestSource(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs,
    ),
  );
}
