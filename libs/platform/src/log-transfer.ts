import {
  EventStore,
  HashChainCheck,
  type JsonObject,
  type EventMetadata,
  type StoredEvent,
  WrongExpectedRevisionError,
  readAllInBatches,
} from '@leadledger/event-store';

/**
 * One line of an export: the stored event, with revision and position as decimal strings, and
 * its hash where the store keeps a chain (import checks the chain the lines make).
 */
export interface ExportedEvent {
  readonly id: string;
  readonly type: string;
  readonly streamId: string;
  readonly revision: string;
  readonly position: string;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
  readonly hash?: string;
}

export function toExportLine(event: StoredEvent): string {
  const line: ExportedEvent = { ...event, revision: event.revision.toString(), position: event.position.toString() };
  return JSON.stringify(line);
}

/** Writes the whole log, in commit order, one JSON object per line; returns how many. */
export async function exportLog(store: EventStore, write: (line: string) => void | Promise<void>): Promise<number> {
  let count = 0;
  for await (const batch of readAllInBatches(store, { maxCount: 1000 })) {
    for (const event of batch) await write(`${toExportLine(event)}\n`);
    count += batch.length;
  }
  return count;
}

export interface ImportOutcome {
  readonly imported: number;
  /** Events already in the target with the same id at the same revision (a resumed import). */
  readonly skipped: number;
}

export class ImportError extends Error {
  constructor(lineNumber: number, message: string) {
    super(`line ${lineNumber}: ${message}`);
    this.name = 'ImportError';
  }
}

function parseLine(text: string, lineNumber: number): ExportedEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ImportError(lineNumber, 'not valid JSON');
  }
  const e = value as Partial<ExportedEvent>;
  for (const field of ['id', 'type', 'streamId', 'revision'] as const) {
    if (typeof e[field] !== 'string' || e[field] === '') throw new ImportError(lineNumber, `${field} is missing`);
  }
  if (!/^\d+$/.test(e.revision!)) throw new ImportError(lineNumber, 'revision must be a whole number');
  if (typeof e.data !== 'object' || e.data === null) throw new ImportError(lineNumber, 'data must be an object');
  if (typeof e.metadata !== 'object' || e.metadata === null) throw new ImportError(lineNumber, 'metadata is missing');
  if (e.hash !== undefined) {
    if (typeof e.hash !== 'string' || !/^[0-9a-f]{64}$/.test(e.hash)) {
      throw new ImportError(lineNumber, 'hash must be 64 lowercase hexadecimal digits');
    }
    if (typeof e.position !== 'string' || !/^\d+$/.test(e.position)) {
      throw new ImportError(lineNumber, 'position must be a whole number (the hash covers it)');
    }
  }
  return e as ExportedEvent;
}

/**
 * Appends exported events in their original order, keeping ids, revisions and metadata
 * (recordedAt included); the target assigns its own positions. Each event is appended
 * with the revision it had, so the target never accepts an event out of place, and an
 * interrupted import can simply be run again: events already there are skipped.
 *
 * Each line's hash is checked against the line before it (with the position it had in the
 * exported log) before the line is appended: a file edited after export stops the import at
 * the first line that does not hold, the lines before it imported, nothing from it on. The
 * target keeps a chain of its own (into an empty SQLite log it comes out identical).
 */
export async function importLog(
  store: EventStore,
  lines: AsyncIterable<string> | Iterable<string>,
): Promise<ImportOutcome> {
  let imported = 0;
  let skipped = 0;
  let lineNumber = 0;
  const chain = new HashChainCheck();
  for await (const raw of lines) {
    lineNumber++;
    if (raw.trim() === '') continue;
    const event = parseLine(raw, lineNumber);
    const revision = BigInt(event.revision);
    checkLink(chain, event, revision, lineNumber, imported + skipped);
    const newEvent = { id: event.id, type: event.type, data: event.data, metadata: event.metadata };
    try {
      await store.appendToStream(event.streamId, [newEvent], {
        expectedRevision: revision === 0n ? 'no_stream' : revision - 1n,
      });
      imported++;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      const [existing] = await store.readStream(event.streamId, { fromRevision: revision, maxCount: 1 });
      if (existing?.id !== event.id) {
        throw new ImportError(
          lineNumber,
          `stream ${event.streamId} is at revision ${String(error.actualRevision)} and does not hold event ${event.id} at revision ${event.revision}: ` +
            `the log holds another history; nothing from this line on was imported (of the ${imported + skipped} events before it, ${imported} were imported now and ${skipped} were there already)`,
        );
      }
      skipped++;
    }
  }
  return { imported, skipped };
}

function checkLink(
  chain: HashChainCheck,
  event: ExportedEvent,
  revision: bigint,
  lineNumber: number,
  before: number,
): void {
  // Lines without a hash (an older export, or a store that keeps no chain) are only checked
  // not to follow hashed ones; a hashed line always carries its position (parseLine).
  const position = event.hash === undefined && !/^\d+$/.test(String(event.position)) ? 0n : BigInt(event.position);
  const broken = chain.check({ ...event, position, revision });
  if (broken) {
    throw new ImportError(
      lineNumber,
      `the hash chain breaks at position ${broken.position}: ${broken.problem}; ` +
        `nothing from this line on was imported (the ${before} events before it were)`,
    );
  }
}
