/** The command write path's counts since the store was opened, for an operator's metrics. */
export class StoreActivity {
  /** Successful appends, each one transaction of one or more events. */
  appends = 0;
  appendedEvents = 0;
  /** Appends refused because another writer moved the stream first (a lost race). */
  conflicts = 0;
  /** Commands decided again after a lost race. */
  retries = 0;
}
