import type { BenchEvent } from '../fixtures';

/** The durability a subject's connection actually runs with, as read back from SQLite. */
export interface Durability {
  readonly journalMode: string;
  /** 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA. */
  readonly synchronous: number;
  readonly sqliteVersion: string;
  readonly how: string;
}

/** One open database of one subject, driven by the same workload as the others. */
export interface BenchStore {
  /** Appends one event in its own commit, with the stream's correct expected revision. */
  append(streamId: string, event: BenchEvent): Promise<void>;
  /** Reads the whole global log in batches of `batch`, parsing JSON; returns the count. */
  readAll(batch: number): Promise<number>;
  durability(): Promise<Durability>;
  /** Commits that failed inside the subject and were retried (only the peer has any). */
  retriedCommits?(): number;
  close(): Promise<void>;
}

export interface Subject {
  readonly name: string;
  readonly label: string;
  open(file: string): Promise<BenchStore>;
}
