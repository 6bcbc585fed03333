import { CustomerPhones, spacedMobile } from '../customer-phones';
import { seededRandom } from '../seeded-random';

/** The JSON body of POST /leads as a web form would send it. */
export interface WebFormLead {
  readonly channel: 'web-form';
  readonly contact: { readonly name: string; readonly phone: string };
  readonly externalId: string;
  readonly poolId: string;
}

const NAMES = ['王芳', '李伟', '张敏', '刘洋', '陈静', '黄磊', 'Zhou Jie', 'Wu Xia'];
/** A repeat reuses a phone at least this many new phones back, so its first lead has long been answered. */
const REPEAT_DISTANCE = 20;

/** 138 0013 0000, 138 0013 0001, …: valid China mobile numbers, written the way people type them. */
const phoneNumber = (n: number): string => spacedMobile(`138${String(130_000 + n).padStart(8, '0')}`);

/**
 * Every lead of the process, in order: a distinct external id each, a new phone number
 * (a new customer) or, for `repeatPercent` of them, an earlier lead's phone (an existing
 * customer, already owned, so routed to the owner without the pool).
 */
export class LeadBodies {
  /** Seeded, so every run sends the same sequence of leads. */
  private readonly random = seededRandom(20261123);
  private readonly phones = new CustomerPhones(this.random, REPEAT_DISTANCE, phoneNumber);
  private sent = 0;
  repeats = 0;

  constructor(
    private readonly poolId: string,
    private readonly repeatPercent: number,
  ) {}

  next(): WebFormLead {
    const index = this.sent++;
    const repeat = this.phones.canRepeat && this.random() % 100 < this.repeatPercent;
    if (repeat) this.repeats++;
    const phone = repeat ? this.phones.earlier() : this.phones.next().phone;
    return {
      channel: 'web-form',
      contact: { name: NAMES[this.random() % NAMES.length], phone },
      externalId: `bench-web-${String(index).padStart(7, '0')}`,
      poolId: this.poolId,
    };
  }
}
