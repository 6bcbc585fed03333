import type { Refusal } from '@leadledger/kernel';

/** Carries a decider's refusal from a controller to the problem filter, which answers 409. */
export class RefusalException extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}
