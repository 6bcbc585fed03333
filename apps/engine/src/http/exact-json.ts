import { jsonMinorSum } from '@leadledger/kernel';

/**
 * Express's JSON replacer for every answer: a bigint (a money sum: a balance, a statement or
 * reconciliation total) is written as a number while it is a safe integer, which every real
 * balance is, and as a string of its exact digits beyond that, so no JSON reader rounds it.
 */
export const exactBigints = (_key: string, value: unknown): unknown =>
  typeof value === 'bigint' ? jsonMinorSum(value) : value;
