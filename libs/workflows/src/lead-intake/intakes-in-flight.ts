import { OneAtATime } from './one-at-a-time';

/**
 * The leads whose intake is running in this process, keyed by lead id. A request runs its
 * lead's intake inline (so it can answer with the rep), and the lead-intake reactor sees the
 * same LeadReceived moments later: without this, both ran the same lead at once, and one lost
 * the race on every stream it touched. Here the second caller waits for the first and then
 * finds the lead complete, so a lead's intake runs once; the reactor only finishes leads
 * that no request finished (a crash). Its own class so both share one instance by injection.
 */
export class IntakesInFlight extends OneAtATime {}
