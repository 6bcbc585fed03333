import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Runs `work` in a fresh directory under `base` and deletes it afterwards, whatever happens. */
export async function withTempDir<T>(base: string, prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(base, `leadledger-bench-${prefix.replace(/[^a-z0-9]+/gi, '-')}-`));
  try {
    return await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
