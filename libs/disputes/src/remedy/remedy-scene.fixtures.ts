import {
  COMMISSION_PERIODS_STREAM,
  PLAN_BOOK_STREAM,
  commissionPeriodsDecider,
  planBookDecider,
} from '@leadledger/commissions';
import { aPlan } from '@leadledger/commissions/testing';
import { type CustomerCommand, customerDecider, customerStreamId } from '@leadledger/customers';
import { type CommandContext, type EventStore, handleCommand } from '@leadledger/event-store';
import { disputeDecider } from '../dispute/dispute.decider';
import { disputeStreamId } from '../dispute/dispute.events';
import { OPENED_AT, WALK_IN_AT, openDispute } from '../dispute/dispute.fixtures';

/** The scene of the remedy specs: rep-a disputes cust-1, received at the walk-in on 12 November by rep-b. */
export const REMEDY_TERMS = { protectionDays: 30, warningDays: 3 };

/** The manager who resolves, at `occurredAt`. */
export const managerContext = (occurredAt: string): CommandContext => ({
  actorId: 'key:manager-1',
  actorRole: 'manager',
  occurredAt,
  correlationId: 'corr-dispute',
  reason: null,
});

/** cust-1, received at the walk-in by rep-b, and rep-a's open dispute about it. */
export async function walkInDisputed(store: EventStore): Promise<void> {
  const register: CustomerCommand = {
    kind: 'RegisterCustomer',
    customerId: 'cust-1',
    keys: [{ kind: 'phone', value: '+8613900000011' }],
    leadId: 'lead-2',
    channel: 'walk-in',
    finderRepId: 'rep-b',
    at: WALK_IN_AT,
    owner: { repId: 'rep-b', via: 'received-walk-in', reason: 'received the walk-in', ...REMEDY_TERMS },
  };
  await handleCommand(store, customerStreamId('cust-1'), customerDecider, register, managerContext(WALK_IN_AT));
  await handleCommand(store, disputeStreamId('d-1'), disputeDecider, openDispute, managerContext(OPENED_AT));
}

/** A plain monthly plan on Shanghai's calendar, published at the walk-in: adjustments need one. */
export async function publishPlan(store: EventStore): Promise<void> {
  const publish = {
    type: 'PublishPlanVersion',
    plan: aPlan(),
    at: WALK_IN_AT,
    decided: { closedThrough: null, latestAccrual: null },
  } as const;
  await handleCommand(store, PLAN_BOOK_STREAM, planBookDecider, publish, managerContext(WALK_IN_AT));
}

/** October paid (nothing due) and closed, at `at`. */
export async function closeOctober(store: EventStore, at: string): Promise<void> {
  const run = {
    type: 'RunPayout',
    payoutRunId: 'payout-2026-10',
    period: '2026-10',
    calendar: { periodLength: 'month', timeZone: 'Asia/Shanghai' },
    payouts: [],
    ledgerPosition: '0',
    at,
  } as const;
  await handleCommand(store, COMMISSION_PERIODS_STREAM, commissionPeriodsDecider, run, managerContext(at));
}
