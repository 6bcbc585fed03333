/** Work keyed by a name, run one at a time per key in this process: a later run starts once the earlier settled. */
export class OneAtATime {
  private readonly running = new Map<string, Promise<unknown>>();

  /** Runs `work` once any run of the same key here has settled (whether it failed or not). */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.running.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(work);
    this.running.set(key, current);
    const forget = () => {
      if (this.running.get(key) === current) this.running.delete(key);
    };
    current.then(forget, forget);
    return current;
  }
}
