import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

/** How often the checkpointer copies what the write-ahead log holds into the database file. */
const CHECKPOINT_EVERY_MS = 100;
/** How often it looks at a file nobody has written to for ten of those ticks. */
const IDLE_CHECK_EVERY_MS = 1_000;

/** The thread's states, in one shared Int32: who may do what next is decided by compare-and-swap. */
const NOT_STARTED = 0;
const OPEN = 1;
const STOP_ASKED = 2;
const STOPPED = 3;

// Plain JavaScript, run as the thread's script (eval), so it needs no build step of its own.
const CHECKPOINTER = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const state = new Int32Array(workerData.state);
const [NOT_STARTED, OPEN, STOP_ASKED, STOPPED] = workerData.states;
let db = null;
let timer = null;
const finish = () => {
  if (timer) clearTimeout(timer);
  if (db) db.close();
  db = null;
  Atomics.store(state, 0, STOPPED);
  Atomics.notify(state, 0);
};
const run = () => {
  try {
    // timeout 0: the thread never waits for a lock (a busy tick is simply skipped), so a stop
    // is answered within one checkpoint however the owner's connection is held.
    db = new Database(workerData.file, { fileMustExist: true, timeout: 0 });
    db.pragma('synchronous = FULL');
    // data_version changes when another connection commits: a file nobody writes to costs one
    // cheap pragma a tick, and after ten quiet ticks the thread looks only once a second.
    let seen = null;
    let quiet = 0;
    const tick = () => {
      try {
        const version = db.pragma('data_version', { simple: true });
        if (version === seen) quiet++;
        else {
          quiet = 0;
          seen = version;
          db.pragma('wal_checkpoint(PASSIVE)');
        }
      } catch {
        // Busy or failing: the next tick tries again, and SQLite's own checkpoint on commit
        // (at 1,000 pages) is still behind this one.
      }
      timer = setTimeout(tick, quiet >= 10 ? workerData.idleEveryMs : workerData.everyMs);
    };
    tick();
  } catch {
    // The file is gone: nothing to checkpoint.
  }
  const asked = Atomics.waitAsync(state, 0, OPEN);
  if (asked.async) asked.value.then(finish);
  else finish();
};
// The file is opened only if no stop came first: a stop that finds the thread not started lets
// the owner close and move the file at once, and the thread then never touches it.
if (Atomics.compareExchange(state, 0, NOT_STARTED, OPEN) === NOT_STARTED) run();
else finish();
`;

/** Longest wait for the thread to close its connection; past it, closing fails rather than go on. */
const STOP_TIMEOUT_MS = 30_000;

/**
 * The owner's own checkpoint on commit, kept only as a bound on the log should the thread fall
 * behind or fail: 10,000 pages, about 40 MB. At SQLite's 1,000, commits under load still ran it
 * on the event loop: with commits landing during the thread's checkpoints the log seldom starts
 * over, so it stayed past 1,000 pages and commit after commit checkpointed and synced the file:
 * read-model commits cost 83-113 µs per event with about 20 over 2 ms every 5 s at 32 clients,
 * against 51-61 µs and 0-2 with this (docs/benchmarks.md).
 */
export const OWNER_CHECKPOINT_PAGES = 10_000;

/**
 * Copies a SQLite file's write-ahead log into the file from a thread of its own. Left to SQLite,
 * the commit that takes the log past 1,000 pages does that copy and syncs the file on the event
 * loop: one commit in a few hundred held every request for 15-270 ms on a 500k-event log. A
 * PASSIVE checkpoint waits for nobody and blocks no writer, and it only copies committed frames,
 * so durability is what synchronous=FULL gives the commits. The thread keeps one connection
 * open (opening one per checkpoint made commits wait on its locks); `stop` waits until it is
 * closed, so the owner's connection is the last to close and removes the log as usual, and a
 * file moved aside right after takes no log of the thread's with it.
 */
export class BackgroundCheckpoints {
  /**
   * A thread for the file, or none for an in-memory database (it has no write-ahead log). The
   * owner's connection then leaves checkpoints to it, up to `OWNER_CHECKPOINT_PAGES`.
   */
  static startFor(file: string, owner: Database.Database): BackgroundCheckpoints | null {
    if (file === ':memory:') return null;
    owner.pragma(`wal_autocheckpoint = ${OWNER_CHECKPOINT_PAGES}`);
    return new BackgroundCheckpoints(file);
  }

  private readonly state = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private readonly worker: Worker;

  constructor(private readonly file: string) {
    this.worker = new Worker(CHECKPOINTER, {
      eval: true,
      workerData: {
        file,
        everyMs: CHECKPOINT_EVERY_MS,
        idleEveryMs: IDLE_CHECK_EVERY_MS,
        driver: require.resolve('better-sqlite3'),
        state: this.state.buffer,
        states: [NOT_STARTED, OPEN, STOP_ASKED, STOPPED],
      },
    });
    // Never keeps the process alive; a thread that fails leaves SQLite's own checkpoints.
    this.worker.unref();
    this.worker.on('error', () => undefined);
    // A thread that ended on its own (an error) holds no connection: its driver closed it.
    this.worker.on('exit', () => Atomics.store(this.state, 0, STOPPED));
  }

  /**
   * Returns once the thread holds no connection to the file and never will: at once if it had
   * not opened one yet, else when it has closed it (a checkpoint under way finishes first). The
   * owner may then close, rename or replace the file. SQLite finds a file's -wal and -shm by
   * name, so a connection left open across a rename would take the new file's log for its own.
   */
  stop(): void {
    // Only this thread asks to stop, so one exchange tells what the thread had got to.
    if (Atomics.exchange(this.state, 0, STOP_ASKED) === OPEN) {
      Atomics.notify(this.state, 0);
      // Blocks briefly, and only when closing: the thread never waits for a lock.
      if (Atomics.wait(this.state, 0, STOP_ASKED, STOP_TIMEOUT_MS) === 'timed-out') {
        throw new Error(
          `The checkpoint thread of ${this.file} did not close its connection within ${STOP_TIMEOUT_MS} ms`,
        );
      }
    }
    void this.worker.terminate();
  }
}
