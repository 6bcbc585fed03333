/** Builders other libs' specs use to set up commissions: a plain plan. */
export { aPlan } from '../engine/ledger.fixtures';
