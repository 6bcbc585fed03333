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

/** Deterministic, so every run sends the same sequence of leads. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 8;
  };
}

/** 138 0013 0000, 138 0013 0001, …: valid China mobile numbers, written the way people type them. */
const phoneNumber = (n: number): string => {
  const digits = `138${String(130_000 + n).padStart(8, '0')}`;
  return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
};

/**
 * Every lead of the process, in order: a distinct external id each, a new phone number
 * (a new customer) or, for `repeatPercent` of them, an earlier lead's phone (an existing
 * customer, already owned, so routed to the owner without the pool).
 */
export class LeadBodies {
  private readonly random = lcg(20261123);
  private newPhones = 0;
  private sent = 0;
  repeats = 0;

  constructor(
    private readonly poolId: string,
    private readonly repeatPercent: number,
  ) {}

  next(): WebFormLead {
    const index = this.sent++;
    const canRepeat = this.newPhones > REPEAT_DISTANCE;
    const repeat = canRepeat && this.random() % 100 < this.repeatPercent;
    let phone: string;
    if (repeat) {
      this.repeats++;
      phone = phoneNumber(this.random() % (this.newPhones - REPEAT_DISTANCE));
    } else {
      phone = phoneNumber(this.newPhones++);
    }
    return {
      channel: 'web-form',
      contact: { name: NAMES[this.random() % NAMES.length], phone },
      externalId: `bench-web-${String(index).padStart(7, '0')}`,
      poolId: this.poolId,
    };
  }
}
