import {
  type AdjustCommission,
  COMMISSION_PERIODS_STREAM,
  RECENT_ADJUSTMENTS,
  commissionPeriodsDecider,
} from '@leadledger/commissions';
import { customerStreamId } from '@leadledger/customers';
import { type EventStore, handleCommand } from '@leadledger/event-store';
import { CrashingStore, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { isRefusal } from '@leadledger/kernel';
import { ReadModelDatabase, rebuildProjection } from '@leadledger/projections';
import { disputeStreamId } from '../dispute/dispute.events';
import { RESOLVED_AT, WALK_IN_AT, uphold } from '../dispute/dispute.fixtures';
import { disputeBoardProjection } from '../read-models/dispute-board.projection';
import { disputesWithPendingRemedy, getDispute } from '../read-models/dispute-board.query';
import { REMEDY_TERMS, managerContext, publishPlan, walkInDisputed } from './remedy-scene.fixtures';
import { completeRemedy, resolveDispute } from './resolve-dispute.workflow';

const terms = REMEDY_TERMS;
const context = managerContext;
/** Transfer only: the adjustments need a published plan, which the e2e suite has. */
const upholdWithTransfer = uphold({ remedy: { transfer: uphold().remedy.transfer, adjustments: [] } });

/** The log as a user sees it: streams, types, data and causation, without ids, positions or record times. */
async function logOf(store: EventStore): Promise<string[]> {
  const events = await store.readAll({ maxCount: 1000 });
  const idToLabel = new Map(events.map((e) => [e.id, `${e.streamId}#${e.revision}`]));
  return events.map(
    (e) =>
      `${e.streamId}#${e.revision} ${e.type} ${JSON.stringify(e.data)} caused by ${idToLabel.get(e.metadata.causationId ?? '') ?? '-'}`,
  );
}

describe('resolving a dispute with a remedy', () => {
  const dir = tempDirectory('leadledger-disputes');
  afterAll(() => dir.remove());
  const open = (name: string) => new SqliteEventStore({ file: dir.file(`${name}.sqlite`), pollIntervalMs: 5 });

  it('appends the resolution, then the transfer caused by it, dated at the walk-in', async () => {
    const store = open('uninterrupted');
    await walkInDisputed(store);
    const result = await resolveDispute(store, upholdWithTransfer, terms, context(upholdWithTransfer.at));
    if (isRefusal(result)) throw new Error(result.code);
    expect(result.refused).toEqual([]);
    const [transfer] = result.events;
    expect(transfer).toMatchObject({
      type: 'OwnershipAssigned',
      data: { repId: 'rep-a', via: 'transfer', since: WALK_IN_AT, byActorId: 'key:manager-1' },
      metadata: { causationId: result.resolution.id, correlationId: 'corr-dispute', occurredAt: WALK_IN_AT },
    });
    await store.close();
  });

  it('writes nothing when the remedy is refused on its stream', async () => {
    const store = open('refused');
    await walkInDisputed(store);
    const before = await logOf(store);
    const early = uphold({
      remedy: {
        transfer: { customerId: 'cust-1', toRepId: 'rep-a', effectiveAt: '2026-11-01T00:00:00.000Z' },
        adjustments: [],
      },
    });
    const result = await resolveDispute(store, early, terms, context(early.at));
    expect(result).toMatchObject({ code: 'OccurredBeforeLastChange', facts: { remedy: 'transfer' } });
    const notMine = uphold({
      remedy: { transfer: { customerId: 'cust-9', toRepId: 'rep-a', effectiveAt: WALK_IN_AT }, adjustments: [] },
    });
    expect(await resolveDispute(store, notMine, terms, context(early.at))).toMatchObject({ code: 'CustomerUnknown' });
    expect(await logOf(store)).toEqual(before);
    await store.close();
  });

  it.each([1, 2])('completes after a crash before append %i, with the log of an uninterrupted run', async (crashAt) => {
    const reference = open(`reference-${crashAt}`);
    await walkInDisputed(reference);
    await resolveDispute(reference, upholdWithTransfer, terms, context(upholdWithTransfer.at));

    const store = open(`crash-${crashAt}`);
    await walkInDisputed(store);
    await expect(
      resolveDispute(new CrashingStore(store, crashAt), upholdWithTransfer, terms, context(upholdWithTransfer.at)),
    ).rejects.toThrow('simulated crash');
    // The manager sends the same uphold again (a crash before the resolution leaves it open; after, it completes).
    const retried = await resolveDispute(store, upholdWithTransfer, terms, context(upholdWithTransfer.at));
    if (isRefusal(retried)) throw new Error(retried.code);
    expect(await logOf(store)).toEqual(await logOf(reference));
    await reference.close();
    await store.close();
  });

  it('shows a remedy interrupted after the resolution as pending on the board until it is completed, once', async () => {
    const store = open('board');
    const readModels = new ReadModelDatabase(dir.file('board-read.sqlite'));
    await walkInDisputed(store);
    await expect(
      resolveDispute(new CrashingStore(store, 2), upholdWithTransfer, terms, context(upholdWithTransfer.at)),
    ).rejects.toThrow('simulated crash');
    await rebuildProjection(store, readModels, disputeBoardProjection);
    expect(disputesWithPendingRemedy(readModels.db)).toEqual(['d-1']);
    expect(getDispute(readModels.db, 'd-1')).toMatchObject({ status: 'upheld', remedyProgress: { steps: 1, done: 0 } });

    const [resolution] = await store.readStream(disputeStreamId('d-1'), { direction: 'backwards', maxCount: 1 });
    expect((await completeRemedy(store, resolution, terms)).events).toHaveLength(1);
    expect((await completeRemedy(store, resolution, terms)).events).toHaveLength(0);
    await rebuildProjection(store, readModels, disputeBoardProjection);
    expect(disputesWithPendingRemedy(readModels.db)).toEqual([]);
    const board = getDispute(readModels.db, 'd-1')!;
    expect(board.remedyProgress).toEqual({ steps: 1, done: 1 });
    expect(board.remedyEvents).toEqual([
      expect.objectContaining({ type: 'OwnershipAssigned', streamId: customerStreamId('cust-1') }),
    ]);
    expect(board.resolutionEventId).toBe(resolution.id);
    readModels.close();
    await store.close();
  });

  it('does not post an adjustment again once the periods decider no longer remembers it', async () => {
    const store = open('adjustment-remembered-on-the-stream');
    await publishPlan(store);
    await walkInDisputed(store);
    // The remedy: the transfer and adj-1, 600.00 to rep-a.
    const result = await resolveDispute(store, uphold(), terms, context(RESOLVED_AT));
    if (isRefusal(result)) throw new Error(result.code);
    expect(result.events.map((event) => event.type)).toEqual(['OwnershipAssigned', 'CommissionAdjusted']);
    // Finance posts RECENT_ADJUSTMENTS more: adj-1 is no longer among the ones the decider keeps.
    const other = (i: number): AdjustCommission => ({
      type: 'AdjustCommission',
      adjustmentId: `other-${i}`,
      payee: { kind: 'rep', id: 'rep-b' },
      currency: 'CNY',
      amount: 100,
      period: null,
      calendar: { periodLength: 'month', timeZone: 'Asia/Shanghai' },
      planCurrencies: ['CNY'],
      reason: 'exhibition bonus',
      reference: null,
      at: RESOLVED_AT,
    });
    await Promise.all(
      Array.from({ length: RECENT_ADJUSTMENTS }, (_, i) =>
        handleCommand(store, COMMISSION_PERIODS_STREAM, commissionPeriodsDecider, other(i), context(RESOLVED_AT)),
      ),
    );
    // The start-up sweep runs the remedy again: nothing is missing, nothing is written.
    const rerun = await completeRemedy(store, result.resolution, terms);
    expect(rerun).toEqual({ events: [], refused: [] });
    const adjustments = await store.readStream(COMMISSION_PERIODS_STREAM);
    expect(adjustments.filter((event) => event.data.adjustmentId === 'adj-1')).toHaveLength(1);
    expect(adjustments).toHaveLength(1 + RECENT_ADJUSTMENTS);
    await store.close();
  });
});
