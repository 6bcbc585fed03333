import { median, seconds } from '../stats';

/** One workload measured on ours and on raw, in alternating rounds. */
export interface ReadFigure {
  readonly workload: string;
  /** Events each pass returns. */
  readonly events: number;
  /** Events in the log the pass runs over. */
  readonly logEvents: number;
  readonly oursMsPerPass: number;
  readonly rawMsPerPass: number;
  /** Returned events per second. */
  readonly oursEventsPerSecond: number;
  readonly rawEventsPerSecond: number;
  readonly oursToRaw: number;
  readonly detail: string;
}

/** Repeats `pass` for at least `minSeconds` (and at least once); ms per pass. */
async function timed(pass: () => Promise<number>, minSeconds: number, expected: number): Promise<number> {
  const start = process.hrtime.bigint();
  let passes = 0;
  do {
    const n = await pass();
    if (n !== expected) throw new Error(`a pass returned ${n} events, expected ${expected}`);
    passes++;
  } while (seconds(start) < minSeconds);
  return (seconds(start) * 1000) / passes;
}

export async function compare(
  workload: string,
  detail: string,
  expected: number,
  logEvents: number,
  ours: () => Promise<number>,
  raw: () => Promise<number>,
  minSeconds: number,
  rounds: number,
): Promise<ReadFigure> {
  await ours();
  await raw();
  const o: number[] = [];
  const r: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Alternate which goes first, so drift on the shared machine hits both alike.
    if (round % 2 === 0) {
      o.push(await timed(ours, minSeconds, expected));
      r.push(await timed(raw, minSeconds, expected));
    } else {
      r.push(await timed(raw, minSeconds, expected));
      o.push(await timed(ours, minSeconds, expected));
    }
  }
  const oursMs = median(o);
  const rawMs = median(r);
  return {
    workload,
    events: expected,
    logEvents,
    oursMsPerPass: oursMs,
    rawMsPerPass: rawMs,
    oursEventsPerSecond: (expected * 1000) / oursMs,
    rawEventsPerSecond: (expected * 1000) / rawMs,
    oursToRaw: rawMs / oursMs,
    detail,
  };
}
