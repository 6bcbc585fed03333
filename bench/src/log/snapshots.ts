import Database from 'better-sqlite3';

export interface Snapshot {
  readonly file: string;
  /** Pool-routed leads of the big pool when it was taken (0 for the fresh log). */
  readonly poolLeads: number;
  readonly events: number;
  readonly leads: number;
  readonly poolStreamEvents: number;
}

/** A consistent copy of the live file (the online backup API: page by page, WAL included). */
export async function snapshot(source: string, target: string): Promise<void> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
}
