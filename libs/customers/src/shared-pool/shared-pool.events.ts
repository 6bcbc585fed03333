/** The shared pool's (公海) claim rules: one stream for the company, each change a new policy version. */
export const SHARED_POOL_RULES_STREAM = 'shared-pool-rules';

/** The stream that counts one rep's claims on one business day (YYYY-MM-DD in LEADLEDGER_TIMEZONE). */
export const dailyClaimsStreamId = (repId: string, day: string): string => `daily-claims-${repId}-${day}`;

export interface ClaimRules {
  /** Claims one rep may make per business day; null: no limit. */
  readonly claimsPerDay: number | null;
  /** Days a rep whose customer was released waits before claiming it back; 0: none. */
  readonly reclaimCoolDownDays: number;
  /** Customers one rep may hold for a claim to be allowed (保有量上限); null: no cap. */
  readonly maxCustomersPerRep: number | null;
}

export type SharedPoolEvent = {
  readonly type: 'SharedPoolRulesChanged';
  readonly data: ClaimRules & { readonly policyVersion: number };
};

export type DailyClaimsEvent =
  | {
      /** A claim took one of the rep's claims for the day, under this policy version. */
      readonly type: 'ClaimCounted';
      readonly data: {
        readonly repId: string;
        readonly day: string;
        readonly customerId: string;
        readonly policyVersion: number;
      };
    }
  | {
      /** The customer refused the claim after it was counted: the claim is given back. */
      readonly type: 'ClaimUncounted';
      readonly data: { readonly repId: string; readonly day: string; readonly customerId: string };
    };
