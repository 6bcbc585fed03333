import type { ReadModelConnection } from '@leadledger/projections';
import type { DepartureMode } from '../rep/rep.events';

export type RepStatus = 'active' | 'departed';
export const REP_STATUSES: readonly RepStatus[] = ['active', 'departed'];

export interface RepView {
  readonly repId: string;
  readonly name: string;
  readonly email: string;
  readonly team: string;
  readonly status: RepStatus;
  readonly registeredAt: string;
  readonly departedAt: string | null;
  readonly departureMode: DepartureMode | null;
  readonly successorRepId: string | null;
  readonly departureReason: string | null;
}

const SELECT_REP = `SELECT rep_id AS repId, name, email, team, status, registered_at AS registeredAt,
  departed_at AS departedAt, departure_mode AS departureMode, successor_rep_id AS successorRepId,
  departure_reason AS departureReason FROM rep_directory`;

export function getRep(db: ReadModelConnection, repId: string): RepView | null {
  return (db.prepare(`${SELECT_REP} WHERE rep_id = ?`).get(repId) as RepView | undefined) ?? null;
}

/** Reps in id order, optionally of one team and/or one status. */
export function listReps(db: ReadModelConnection, filter: { team?: string; status?: RepStatus } = {}): RepView[] {
  const where: string[] = [];
  const values: string[] = [];
  if (filter.team !== undefined) {
    where.push('team = ?');
    values.push(filter.team);
  }
  if (filter.status !== undefined) {
    where.push('status = ?');
    values.push(filter.status);
  }
  const clause = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  return db.prepare(`${SELECT_REP}${clause} ORDER BY rep_id`).all(...values) as RepView[];
}
