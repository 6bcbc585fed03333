import type { StoredEvent } from '@leadledger/event-store';
import type { Projection, ReadModelConnection } from '@leadledger/projections';
import type { CommissionPeriodsEvent } from '../periods/commission-periods.events';

export const PAYOUT_RUNS = 'payout-runs';

/**
 * Every payout run as it was decided: its period, who ran it and when (from the events'
 * metadata), the period closed before it, and each payment with the ledger line it posted.
 * The statement lines a payment settled are read from the ledger, one run's periods only.
 */
export const payoutRunsProjection: Projection = {
  name: PAYOUT_RUNS,
  version: '1',
  tables: ['payout_runs', 'payout_run_payments'],
  eventTypes: ['CommissionPaidOut', 'PeriodClosed'],
  setup(db: ReadModelConnection) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS payout_runs (
        period          TEXT PRIMARY KEY,
        payout_run_id   TEXT NOT NULL UNIQUE,
        previous_period TEXT,
        closed_at       TEXT NOT NULL,
        recorded_at     TEXT NOT NULL,
        actor_id        TEXT NOT NULL,
        actor_role      TEXT NOT NULL,
        ledger_position TEXT NOT NULL,
        payees_paid     INTEGER NOT NULL,
        totals_json     TEXT NOT NULL,
        position        INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS payout_run_payments (
        payout_run_id TEXT NOT NULL,
        payee_kind    TEXT NOT NULL,
        payee_id      TEXT NOT NULL,
        currency      TEXT NOT NULL,
        amount        INTEGER NOT NULL,
        line_id       TEXT NOT NULL,
        PRIMARY KEY (payout_run_id, payee_kind, payee_id, currency)
      ) WITHOUT ROWID;
    `);
  },
  apply(event: StoredEvent, db: ReadModelConnection) {
    const entry = { type: event.type, data: event.data } as unknown as CommissionPeriodsEvent;
    switch (entry.type) {
      case 'CommissionPaidOut': {
        const { payoutRunId, payee, currency, amount } = entry.data;
        db.prepare(
          `INSERT OR IGNORE INTO payout_run_payments (payout_run_id, payee_kind, payee_id, currency, amount, line_id)
           VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(payoutRunId, payee.kind, payee.id, currency, amount, `${event.id}:0`);
        return;
      }
      case 'PeriodClosed': {
        const { payoutRunId, period, ledgerPosition, payeesPaid, totals } = entry.data;
        // Runs close later periods only, so the latest run so far is the period closed before this one.
        const previous = db.prepare('SELECT max(period) AS period FROM payout_runs').get() as { period: string | null };
        const { metadata } = event;
        db.prepare(
          `INSERT OR IGNORE INTO payout_runs (period, payout_run_id, previous_period, closed_at, recorded_at, actor_id,
             actor_role, ledger_position, payees_paid, totals_json, position)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          period,
          payoutRunId,
          previous.period,
          metadata.occurredAt,
          metadata.recordedAt,
          metadata.actorId,
          metadata.actorRole,
          ledgerPosition,
          payeesPaid,
          JSON.stringify(totals),
          event.position,
        );
        return;
      }
    }
  },
};
