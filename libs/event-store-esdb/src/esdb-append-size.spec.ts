import { commissionPeriodsDecider, initialCommissionPeriodsState, type RunPayout } from '@leadledger/commissions';
import { AppendTooLargeError, type JsonObject, type NewEvent, metadataFor } from '@leadledger/event-store';
import { isRefusal } from '@leadledger/kernel';
import { DEFAULT_MAX_APPEND_BYTES, appendBytes } from './esdb-append-size';
import { EsdbEventStore } from './esdb-event-store';
import { toEventData } from './esdb-mapping';
import { FakeEsdbServer } from './testing/fake-esdb-server';

const uuid = (n: number) => `6f1c2a8e-3d4b-4c5a-9e7f-${n.toString().padStart(12, '0')}`;

/** A payout run's append, as the payout handler makes it: one CommissionPaidOut per payee and currency, then PeriodClosed. */
function payoutRunEvents(payees: number): NewEvent[] {
  const command: RunPayout = {
    type: 'RunPayout',
    payoutRunId: uuid(0),
    period: '2026-10',
    calendar: { periodLength: 'month', timeZone: 'Asia/Shanghai' },
    // Uuid payee ids and nine-digit amounts: longer than most, so the measure errs on the large side.
    payouts: Array.from({ length: payees }, (_, i) => ({
      payee: { kind: i % 5 === 0 ? ('partner' as const) : ('rep' as const), id: uuid(i + 1) },
      currency: 'CNY',
      amount: 987_654_321,
    })),
    ledgerPosition: '123456789012',
    at: '2026-11-02T09:30:00.000Z',
  };
  const decision = commissionPeriodsDecider.decide(command, initialCommissionPeriodsState);
  if (isRefusal(decision)) throw new Error(decision.message);
  const metadata = metadataFor({
    actorId: uuid(9_999),
    actorRole: 'finance',
    occurredAt: command.at,
    correlationId: uuid(9_998),
    idempotencyKey: uuid(9_997),
  });
  return decision.map((event) => ({ type: event.type, data: event.data as unknown as JsonObject, metadata }));
}

const bytesOf = (events: NewEvent[]) =>
  appendBytes(events.map((event) => toEventData(event, new Date('2026-11-02T09:30:00.125Z'))));

describe('the size of one append', () => {
  it('counts data and metadata as sent, and the type at two bytes a character, as the server does', () => {
    const [event] = payoutRunEvents(1);
    const data = toEventData(event, new Date());
    const expected =
      Buffer.byteLength(JSON.stringify(data.data)) +
      Buffer.byteLength(JSON.stringify(data.metadata)) +
      'CommissionPaidOut'.length * 2;
    expect(appendBytes([data])).toBe(expected);
  });

  it('a payout run paying 1,000 payees, the largest realistic append, stays near half the 1 MiB limit', () => {
    const bytes = bytesOf(payoutRunEvents(1_000));
    expect(bytes).toBeLessThan(DEFAULT_MAX_APPEND_BYTES * 0.6);
    // Where the limit lies: about 2,000 payee lines in one run.
    expect(bytesOf(payoutRunEvents(1_950))).toBeLessThan(DEFAULT_MAX_APPEND_BYTES);
    expect(bytesOf(payoutRunEvents(2_050))).toBeGreaterThan(DEFAULT_MAX_APPEND_BYTES);
  });

  it('an append over the limit is refused before it is sent, naming its size and the limit', async () => {
    const server = new FakeEsdbServer();
    const store = new EsdbEventStore({ client: server.client });
    const run = payoutRunEvents(2_100);
    const appending = store.appendToStream('commission-periods', run, { expectedRevision: 'no_stream' });
    await expect(appending).rejects.toBeInstanceOf(AppendTooLargeError);
    await expect(appending).rejects.toThrow(
      new RegExp(`^The append to commission-periods is ${bytesOf(run)} bytes, the store's limit of 1048576 bytes`),
    );
    expect(server.appendsReceived).toEqual([]);
  });

  it('one under the limit is sent and written', async () => {
    const server = new FakeEsdbServer();
    const store = new EsdbEventStore({ client: server.client });
    const { events } = await store.appendToStream('commission-periods', payoutRunEvents(1_000), {
      expectedRevision: 'no_stream',
    });
    expect(events).toHaveLength(1_001);
    expect(events.at(-1)?.type).toBe('PeriodClosed');
  });
});
