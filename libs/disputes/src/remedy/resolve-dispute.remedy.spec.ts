import { type AdjustCommission, COMMISSION_PERIODS_STREAM } from '@leadledger/commissions';
import { type CustomerCommand, customerDecider, customerStreamId } from '@leadledger/customers';
import { handleCommand } from '@leadledger/event-store';
import { tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { type Refusal, isRefusal } from '@leadledger/kernel';
import { RESOLVED_AT, uphold } from '../dispute/dispute.fixtures';
import { REMEDY_TERMS, closeOctober, managerContext, publishPlan, walkInDisputed } from './remedy-scene.fixtures';
import { type ResolvedDispute, completeRemedy, resolveDispute } from './resolve-dispute.workflow';

/**
 * The money side of an upheld dispute, and what refuses it: rep-a disputes cust-1, received at
 * the walk-in on 12 November by rep-b; the uphold (16 November) gives rep-a the customer from the
 * walk-in and 600.00 CNY (adj-1) for the commission rep-b was credited.
 */
const terms = REMEDY_TERMS;
const context = managerContext;
const adjustmentOnly = uphold({
  remedy: {
    transfer: null,
    adjustments: [{ adjustmentId: 'adj-1', repId: 'rep-a', amount: 60_000, currency: 'CNY', period: null }],
  },
});

describe('the remedy of an upheld dispute', () => {
  const dir = tempDirectory('leadledger-dispute-remedy');
  let opened = 0;
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore({ file: dir.file(`remedy-${opened++}.sqlite`), pollIntervalMs: 5 });
  });
  afterEach(() => store.close());
  afterAll(() => dir.remove());

  const resolved = async (command = uphold()): Promise<ResolvedDispute> => {
    const result = await resolveDispute(store, command, terms, context(RESOLVED_AT));
    if (isRefusal(result)) throw new Error(result.code);
    return result;
  };
  const headOf = async (): Promise<bigint> => store.headPosition();

  it('posts the adjustment to rep-a in the open period, dated at the resolution, naming the dispute', async () => {
    await publishPlan(store);
    await walkInDisputed(store);

    const { events, refused, resolution } = await resolved(adjustmentOnly);

    expect(refused).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      streamId: COMMISSION_PERIODS_STREAM,
      type: 'CommissionAdjusted',
      data: {
        adjustmentId: 'adj-1',
        payee: { kind: 'rep', id: 'rep-a' },
        currency: 'CNY',
        amount: 60_000,
        // 16 November in Shanghai: November is the open period.
        period: '2026-11',
        reference: 'dispute-d-1',
        disputeId: 'd-1',
      },
      metadata: { causationId: resolution.id, occurredAt: RESOLVED_AT },
    });
  });

  it('writes the transfer first, then the adjustment, each caused by the resolution', async () => {
    await publishPlan(store);
    await walkInDisputed(store);

    const { events, resolution } = await resolved();

    expect(events.map((e) => [e.type, e.metadata.causationId])).toEqual([
      ['OwnershipAssigned', resolution.id],
      ['CommissionAdjusted', resolution.id],
    ]);
  });

  it('refuses an uphold with an adjustment before any plan is published, naming the step, writing nothing', async () => {
    await walkInDisputed(store);
    const head = await headOf();

    const refusal = (await resolveDispute(store, adjustmentOnly, terms, context(RESOLVED_AT))) as Refusal;

    expect(refusal).toMatchObject({ code: 'NoPlanPublished', facts: { remedy: 'adjustment' } });
    expect(await headOf()).toBe(head);
  });

  it('refuses an uphold whose adjustment names a closed period, naming the step, writing nothing', async () => {
    await publishPlan(store);
    await walkInDisputed(store);
    // October is paid and closed.
    await closeOctober(store, '2026-11-02T02:00:00.000Z');
    const head = await headOf();
    const intoOctober = uphold({
      remedy: {
        transfer: null,
        adjustments: [{ adjustmentId: 'adj-1', repId: 'rep-a', amount: 60_000, currency: 'CNY', period: '2026-10' }],
      },
    });

    const refusal = (await resolveDispute(store, intoOctober, terms, context(RESOLVED_AT))) as Refusal;

    expect(refusal).toMatchObject({ code: 'PeriodClosed', facts: { remedy: 'adjustment', period: '2026-10' } });
    expect(await headOf()).toBe(head);
  });

  it('counts as done a transfer made by other means after the resolution, and writes the rest', async () => {
    await publishPlan(store);
    await walkInDisputed(store);
    // The uphold's check passes; then, before the remedy runs, rep-a is given the customer by
    // other means (here, by hand): the transfer is then refused as AlreadyOwner, which counts as done.
    const { resolution } = await resolved(uphold({ remedy: { transfer: null, adjustments: [] } }));
    const transfer = uphold().remedy.transfer!;
    const byHand: CustomerCommand = {
      kind: 'TransferCustomer',
      toRepId: 'rep-a',
      byActorId: 'key:manager-1',
      reason: 'by hand',
      at: transfer.effectiveAt,
      ...terms,
      via: 'transfer',
    };
    await handleCommand(store, customerStreamId('cust-1'), customerDecider, byHand, context(RESOLVED_AT));
    const withTransfer = { ...resolution, data: { ...resolution.data, remedy: uphold().remedy } as never };

    const run = await completeRemedy(store, withTransfer, terms);

    expect(run.refused).toEqual([]);
    expect(run.events.map((e) => e.type)).toEqual(['CommissionAdjusted']);
  });

  it('names a refused adjustment step and writes no adjustment then', async () => {
    await publishPlan(store);
    await walkInDisputed(store);
    const { resolution } = await resolved(uphold({ remedy: { transfer: null, adjustments: [] } }));
    // The remedy as written says to post 600.00 into October, which has since been closed.
    const october: AdjustCommission['period'] = '2026-10';
    const remedy = { transfer: null, adjustments: [{ ...adjustmentOnly.remedy.adjustments[0], period: october }] };
    await closeOctober(store, RESOLVED_AT);

    const run = await completeRemedy(store, { ...resolution, data: { ...resolution.data, remedy } as never }, terms);

    expect(run.events).toEqual([]);
    expect(run.refused).toEqual([
      expect.objectContaining({ code: 'PeriodClosed', facts: expect.objectContaining({ remedy: 'adjustment' }) }),
    ]);
  });

  it('does nothing for a rejected dispute, nor for an upheld one whose plan is gone from the log', async () => {
    await walkInDisputed(store);
    const rejected = await resolved(uphold({ outcome: 'rejected', remedy: { transfer: null, adjustments: [] } }));
    expect(await completeRemedy(store, rejected.resolution, terms)).toEqual({ events: [], refused: [] });

    // An upheld resolution with an adjustment, on a log with no plan: the step cannot be built.
    const upheldData = { ...rejected.resolution.data, outcome: 'upheld', remedy: adjustmentOnly.remedy } as never;
    const run = await completeRemedy(store, { ...rejected.resolution, data: upheldData }, terms);
    expect(run).toEqual({ events: [], refused: [expect.objectContaining({ code: 'NoPlanPublished' })] });
  });

  it('finds the transfer it wrote behind more than a page of the customer’s later events', async () => {
    await publishPlan(store);
    await walkInDisputed(store);
    const { resolution } = await resolved();
    // 60 follow-ups on cust-1 after the remedy: the transfer is 61 events back, past one page of 50.
    for (let i = 0; i < 60; i++) {
      const followUp: CustomerCommand = {
        kind: 'LogFollowUp',
        repId: 'rep-a',
        followUpKind: 'call',
        note: `call ${i + 1}`,
        at: RESOLVED_AT,
      };
      const result = await handleCommand(
        store,
        customerStreamId('cust-1'),
        customerDecider,
        followUp,
        context(RESOLVED_AT),
      );
      if (isRefusal(result)) throw new Error(result.code);
    }

    expect(await completeRemedy(store, resolution, terms)).toEqual({ events: [], refused: [] });
  });
});
