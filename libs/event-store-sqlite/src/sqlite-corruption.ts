/**
 * Whether an error is SQLite reporting a damaged file: SQLITE_CORRUPT (and its extended codes
 * such as SQLITE_CORRUPT_INDEX) or SQLITE_NOTADB. Those say the bytes on disk are wrong, not
 * that a statement or an event is: retrying cannot help, only another copy of the file can.
 * Read by its code, not `instanceof`: the native module keeps the SqliteError class of the
 * first module registry that loaded it, which under Jest is not the current one's.
 */
export function isSqliteCorruption(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const { code } = error as { code: unknown };
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}
