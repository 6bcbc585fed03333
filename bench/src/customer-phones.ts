/** "13800130000" as people type it: "138 0013 0000". */
export const spacedMobile = (digits: string): string =>
  `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;

/**
 * The phone numbers of a deterministic stream of leads: each new customer gets the next number,
 * and a repeat lead reuses an earlier customer's number, at least `repeatDistance` new numbers
 * back, so that customer's first lead has long been processed.
 */
export class CustomerPhones {
  private issued = 0;

  constructor(
    private readonly random: () => number,
    private readonly repeatDistance: number,
    /** The number of the `n`th new customer, spaced as people type it. */
    private readonly numberOf: (n: number) => string,
  ) {}

  /** Whether enough new numbers were given out for a repeat to reach far enough back. */
  get canRepeat(): boolean {
    return this.issued > this.repeatDistance;
  }

  /** An earlier customer's number (draws one random number). */
  earlier(): string {
    return this.numberOf(this.random() % (this.issued - this.repeatDistance));
  }

  /** The next new customer: their index among new customers and their number. */
  next(): { n: number; phone: string } {
    const n = this.issued++;
    return { n, phone: this.numberOf(n) };
  }
}
