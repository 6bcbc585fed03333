import { existsSync, renameSync } from 'node:fs';

/** `2026-11-30T01:40:00.123Z` -> `2026-11-30T01-40-00Z`: sortable, and valid in a file name everywhere. */
const fileTimestamp = (now: Date): string =>
  now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');

/**
 * Renames a damaged SQLite file to `<file>.damaged-<time>` (or, for read models built from
 * another log, `<file>.other-log-<time>`), its -wal and -shm with it (they belong to that file
 * and would be replayed into a new one of the same name), and returns the new name. Kept, not
 * deleted: someone may want to look at it, and it costs only disk.
 */
export function moveDamagedFileAside(file: string, now: Date, why: 'damaged' | 'other-log' = 'damaged'): string {
  const base = `${file}.${why}-${fileTimestamp(now)}`;
  let aside = base;
  for (let n = 2; existsSync(aside); n++) aside = `${base}-${n}`;
  renameSync(file, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${aside}${suffix}`);
  }
  return aside;
}
