import { Worker } from 'node:worker_threads';

/** How often the checkpointer copies what the write-ahead log holds into the database file. */
const CHECKPOINT_EVERY_MS = 100;
/** How often it looks at a file nobody has written to for ten of those ticks. */
const IDLE_CHECK_EVERY_MS = 1_000;

// Plain JavaScript, run as the thread's script (eval), so it needs no build step of its own.
// state[0]: 0 running, 1 asked to stop, 2 stopped (its connection closed).
const CHECKPOINTER = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const state = new Int32Array(workerData.state);
let db = null;
let timer = null;
const finish = () => {
  if (timer) clearTimeout(timer);
  if (db) db.close();
  db = null;
  Atomics.store(state, 0, 2);
  Atomics.notify(state, 0);
};
try {
  db = new Database(workerData.file, { fileMustExist: true });
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
  // The file is gone (moved aside): nothing to checkpoint.
}
const asked = Atomics.waitAsync(state, 0, 0);
if (asked.async) asked.value.then(finish);
else finish();
`;

/** Longest wait for the thread to close its connection. */
const STOP_TIMEOUT_MS = 2_000;

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
  private readonly state = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private readonly worker: Worker;

  constructor(file: string) {
    this.worker = new Worker(CHECKPOINTER, {
      eval: true,
      workerData: {
        file,
        everyMs: CHECKPOINT_EVERY_MS,
        idleEveryMs: IDLE_CHECK_EVERY_MS,
        driver: require.resolve('better-sqlite3'),
        state: this.state.buffer,
      },
    });
    // Never keeps the process alive; a thread that fails leaves SQLite's own checkpoints.
    this.worker.unref();
    this.worker.on('error', () => undefined);
  }

  /** Returns once the thread has closed its connection (a checkpoint under way finishes first). */
  stop(): void {
    if (Atomics.compareExchange(this.state, 0, 0, 1) !== 0) return;
    Atomics.notify(this.state, 0);
    // Blocks briefly, and only when closing: the thread answers as soon as its checkpoint is done.
    Atomics.wait(this.state, 0, 1, STOP_TIMEOUT_MS);
    void this.worker.terminate();
  }
}
