import type Database from 'better-sqlite3';
import type { ReadModelConnection } from './projection';

/**
 * A connection whose `prepare` keeps every statement it made, keyed by its SQL. Projections
 * prepare their statements inside `apply`; compiling the same SQL for every event cost more
 * than running it. Statements are reused as they are, so callers must not toggle their modes
 * (safeIntegers, raw, pluck) on the shared instance.
 */
export function withCachedStatements(db: Database.Database): ReadModelConnection {
  const statements = new Map<string, Database.Statement>();
  return {
    prepare: ((sql: string) => {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    }) as Database.Database['prepare'],
    exec: (sql: string) => db.exec(sql),
    transaction: ((fn: (...args: unknown[]) => unknown) => db.transaction(fn)) as Database.Database['transaction'],
  };
}
