import type { LeadChannel } from '@leadledger/leads';
import { CustomerPhones, spacedMobile } from '../customer-phones';
import { BENCH_POOL_ID } from '../intake/seed';
import { seededRandom } from '../seeded-random';

/** The pools of a generated log besides the intake bench's big web-form pool (BENCH_POOL_ID). */
export const EXTRA_POOLS: ReadonlyArray<{ poolId: string; name: string; reps: readonly string[] }> = [
  {
    poolId: 'gen-exhibition',
    name: 'Exhibition cards',
    reps: Array.from({ length: 8 }, (_, i) => `gen-rep-exhibition-${i + 1}`),
  },
  {
    poolId: 'gen-referral',
    name: 'Referral partners',
    reps: Array.from({ length: 6 }, (_, i) => `gen-rep-referral-${i + 1}`),
  },
];

/** Reps who receive walk-ins and phone calls themselves (接待), outside any pool. */
export const STORE_REPS: readonly string[] = Array.from({ length: 6 }, (_, i) => `gen-rep-store-${i + 1}`);

/** One lead of the generated log, as the intake handler would receive it. */
export interface LeadSpec {
  readonly index: number;
  readonly externalId: string;
  readonly channel: LeadChannel;
  readonly contact: { name: string; phone: string; email: string | null };
  readonly poolId: string | null;
  readonly receivedBy: string | null;
  /** Business time the lead arrived. */
  readonly occurredAt: string;
  /** Reuses an earlier lead's phone: the customer exists and is owned. */
  readonly repeat: boolean;
  /** The owner logs a follow-up (跟进) once the lead is theirs. */
  readonly followUp: boolean;
  /** The rep qualifies the lead after accepting it: LeadQualified is ~1% of the log's events. */
  readonly qualify: boolean;
}

const NAMES = ['王芳', '李伟', '张敏', '刘洋', '陈静', '黄磊', '赵强', '孙丽', 'Zhou Jie', 'Wu Xia'];
/** A repeat reuses a phone at least this many new phones back, so its first lead has long been processed. */
const REPEAT_DISTANCE = 200;

/** 139 xxxx xxxx: another range than the intake bench's 138 0013 xxxx, so bench leads are new customers. */
const phoneNumber = (n: number): string => spacedMobile(`139${String(n).padStart(8, '0')}`);

/**
 * The deterministic stream of leads: 15% repeats of an earlier customer (web form, big pool),
 * and of the new customers 70% web form into the big pool, 10% exhibition cards and 8%
 * referrals into their pools, 12% walk-ins and calls received by a store rep; 30% of new
 * customers give an e-mail too (two identity keys), 25% get a follow-up from their owner, and
 * 8% of the leads are qualified by their rep (LeadQualified: about 1% of the events, the
 * sparse type the filtered-read workload looks for).
 */
export class LeadMix {
  private readonly random = seededRandom(20261130);
  private readonly phones = new CustomerPhones(this.random, REPEAT_DISTANCE, phoneNumber);
  private next = 0;
  /** Leads sent to the big pool that are new customers: each one is routed by the pool's rotation. */
  bigPoolRouted = 0;

  constructor(
    private readonly firstAt: number,
    private readonly stepMs: number,
    private readonly lastAt: number,
  ) {}

  lead(): LeadSpec {
    const index = this.next++;
    const r = () => this.random() % 100;
    const occurredAt = new Date(Math.min(this.firstAt + index * this.stepMs, this.lastAt)).toISOString();
    const name = NAMES[this.random() % NAMES.length];
    const externalId = `gen-${String(index).padStart(8, '0')}`;
    if (this.phones.canRepeat && r() < 15) {
      const phone = this.phones.earlier();
      return {
        index,
        externalId,
        channel: 'web-form',
        contact: { name, phone, email: null },
        poolId: BENCH_POOL_ID,
        receivedBy: null,
        occurredAt,
        repeat: true,
        followUp: false,
        qualify: r() < 8,
      };
    }
    const { n, phone } = this.phones.next();
    const email = r() < 30 ? `customer.${n}@example.cn` : null;
    const followUp = r() < 25;
    const qualify = r() < 8;
    const kind = r();
    const base = { index, externalId, contact: { name, phone, email }, occurredAt, repeat: false, followUp, qualify };
    if (kind < 70) {
      this.bigPoolRouted++;
      return { ...base, channel: 'web-form', poolId: BENCH_POOL_ID, receivedBy: null };
    }
    if (kind < 80) return { ...base, channel: 'exhibition', poolId: EXTRA_POOLS[0].poolId, receivedBy: null };
    if (kind < 88) return { ...base, channel: 'referral', poolId: EXTRA_POOLS[1].poolId, receivedBy: null };
    const receiver = STORE_REPS[this.random() % STORE_REPS.length];
    return { ...base, channel: kind < 94 ? 'walk-in' : 'phone', poolId: null, receivedBy: receiver };
  }
}
