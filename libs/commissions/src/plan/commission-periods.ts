import { businessDay } from '@leadledger/projections';
import type { PeriodLength } from './commission-plan';

/** The plan's calendar: how long a period is and in which zone it begins and ends. */
export interface PeriodCalendar {
  readonly periodLength: PeriodLength;
  readonly timeZone: string;
}

/** "2026-11" for a month, "2026-Q4" for a quarter: the period an instant falls in, on the plan's calendar. */
export function periodOf(instant: string, calendar: PeriodCalendar): string {
  const [year, month] = businessDay(instant, calendar.timeZone).split('-');
  if (calendar.periodLength === 'month') return `${year}-${month}`;
  return `${year}-Q${Math.ceil(Number(month) / 3)}`;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

export function isPeriodId(period: string, length: PeriodLength): boolean {
  return (length === 'month' ? MONTH : QUARTER).test(period);
}

/** The period after `period` ("2026-12" -> "2027-01", "2026-Q4" -> "2027-Q1"). */
export function nextPeriod(period: string): string {
  const month = MONTH.exec(period);
  if (month) {
    const index = Number(month[1]) * 12 + Number(month[2]);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  }
  const quarter = QUARTER.exec(period);
  if (!quarter) throw new RangeError(`Not a period: ${period}`);
  const index = Number(quarter[1]) * 4 + Number(quarter[2]);
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** Periods of one calendar compare as strings. */
export const isPeriodAfter = (a: string, b: string): boolean => a > b;

/**
 * Where a line whose business time falls in `natural` is posted: there, unless that
 * period is already closed; then in the earliest open period.
 */
export function postingPeriod(natural: string, closedThrough: string | null): string {
  if (closedThrough === null || natural > closedThrough) return natural;
  return nextPeriod(closedThrough);
}
