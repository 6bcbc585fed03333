import { CREDENTIAL_EVENT_TYPES } from '@leadledger/auth';
import type { StoredEvent } from '@leadledger/event-store';
import { utcInstant } from '@leadledger/kernel';
import type { Projection, ReadModelConnection } from '@leadledger/projections';

export const TIMELINE_INDEX = 'timeline-index';

/**
 * Top-level fields of event data that name a rep (a lead's receiver, a sale's closer, a hand-over's successor…).
 * Equivalent mutants: no field of an event the domain writes today starts with repId or receivedBy and goes on,
 * or ends in RepId after a capital (repId, receivedBy and *RepId with a lower-case prefix are all there is), so
 * dropping `^` or `$` changes nothing yet; the anchors keep a future `repIds` or `receivedByTeam` out.
 */
const REP_FIELD = /^(repId|receivedBy|[a-z]+RepId)$/;

/** Every rep an event touches: the reps its data names, and the rep who did it. */
export function repsTouchedBy(event: StoredEvent): string[] {
  const reps = new Set<string>();
  for (const [field, value] of Object.entries(event.data)) {
    // A rep field left null (a lead nobody received, a release with no successor) would be a NULL rep id, which
    // the INSERT OR IGNORE below drops (NOT NULL): dropping the string check is an equivalent mutant.
    if (REP_FIELD.test(field) && typeof value === 'string') reps.add(value);
  }
  if (event.metadata.actorRole === 'rep') reps.add(event.metadata.actorId);
  return [...reps];
}

/** The customer a lead or sale stream belongs to, when this event says so. */
function customerLinkOf(event: StoredEvent): string | null {
  const { type, data } = event;
  // Every linking event the domain writes names its customer, so the string check (an equivalent mutant) only
  // guards other logs; a NULL customer id would be dropped by INSERT OR IGNORE anyway.
  const linking = type === 'LeadMatchedToCustomer' || type === 'LeadReviewResolved' || type === 'SaleRecorded';
  return linking && typeof data.customerId === 'string' ? data.customerId : null;
}

/**
 * Keeps each customer's owner, and answers who owned the customer before this event when
 * the event takes it from them: a transfer names only the new owner, yet belongs on the
 * old owner's timeline too.
 */
function ownerChangeOf(event: StoredEvent, db: ReadModelConnection): string | null {
  const customerId = event.data.customerId;
  // Every event of a customer stream carries its customerId: without the string check (an equivalent mutant)
  // only the stream's name tells a customer's events from others of the same name, and it is asserted.
  if (typeof customerId !== 'string' || !event.streamId.startsWith('customer-')) return null;
  if (event.type === 'OwnershipAssigned') {
    const row = db.prepare('SELECT rep_id FROM timeline_customer_owners WHERE customer_id = ?').get(customerId) as
      { rep_id: string } | undefined;
    db.prepare(
      `INSERT INTO timeline_customer_owners (customer_id, rep_id) VALUES (?, ?)
       ON CONFLICT (customer_id) DO UPDATE SET rep_id = excluded.rep_id`,
    ).run(customerId, event.data.repId);
    // Equivalent mutant: a reassignment to the recorded owner would add the rep the event already names, and
    // INSERT OR IGNORE keeps one row of it.
    return row && row.rep_id !== event.data.repId ? row.rep_id : null;
  }
  if (event.type === 'CustomerReleased') {
    db.prepare('DELETE FROM timeline_customer_owners WHERE customer_id = ?').run(customerId);
  }
  return null;
}

/**
 * The two sides of a dispute, for its comments and resolution: those name only the dispute, yet
 * belong on the claimant's and the respondent's timelines, as its opening does.
 */
function disputePartiesOf(event: StoredEvent, db: ReadModelConnection): string[] {
  const disputeId = event.data.disputeId;
  if (typeof disputeId !== 'string' || !event.streamId.startsWith('dispute-')) return [];
  if (event.type === 'DisputeOpened') {
    const { claimantRepId, respondentRepId } = event.data as { claimantRepId: string; respondentRepId: string | null };
    db.prepare(
      'INSERT OR IGNORE INTO timeline_dispute_parties (dispute_id, claimant_rep_id, respondent_rep_id) VALUES (?, ?, ?)',
    ).run(disputeId, claimantRepId, respondentRepId);
    return [];
  }
  const parties = db
    .prepare('SELECT claimant_rep_id, respondent_rep_id FROM timeline_dispute_parties WHERE dispute_id = ?')
    .get(disputeId) as { claimant_rep_id: string; respondent_rep_id: string | null } | undefined;
  if (!parties) return [];
  return parties.respondent_rep_id ? [parties.claimant_rep_id, parties.respondent_rep_id] : [parties.claimant_rep_id];
}

/**
 * Which streams make up a customer's timeline (its own, its leads', its sales'), and which
 * events touched each rep, by business time: so a timeline reads only its own events,
 * however old the log is.
 */
export const timelineIndexProjection: Projection = {
  name: TIMELINE_INDEX,
  // 2: credential events (an API key made for a rep) are no longer filed under the rep; a dispute's
  // comments and resolution are filed under both its parties. 3: business times in UTC (a sale's
  // `closedAt` keeps its caller's offset, which sorted as text put it out of order).
  version: '3',
  tables: ['timeline_customer_streams', 'timeline_rep_events', 'timeline_customer_owners', 'timeline_dispute_parties'],
  setup(db: ReadModelConnection) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS timeline_customer_streams (
        customer_id TEXT NOT NULL,
        stream_id   TEXT NOT NULL,
        PRIMARY KEY (customer_id, stream_id)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS timeline_rep_events (
        rep_id      TEXT    NOT NULL,
        occurred_at TEXT    NOT NULL,
        position    INTEGER NOT NULL,
        PRIMARY KEY (rep_id, occurred_at, position)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS timeline_customer_owners (
        customer_id TEXT PRIMARY KEY,
        rep_id      TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS timeline_dispute_parties (
        dispute_id        TEXT PRIMARY KEY,
        claimant_rep_id   TEXT NOT NULL,
        respondent_rep_id TEXT
      ) WITHOUT ROWID;
    `);
  },
  apply(event: StoredEvent, db: ReadModelConnection) {
    // A key's stream id is its hash: a rep's timeline (and its CSV for HR) must not show it.
    if (CREDENTIAL_EVENT_TYPES.has(event.type)) return;
    const customerId = customerLinkOf(event);
    // Both null checks below are shortcuts: INSERT OR IGNORE drops a row with a NULL key (NOT NULL), so
    // dropping either is an equivalent mutant.
    if (customerId !== null) {
      db.prepare('INSERT OR IGNORE INTO timeline_customer_streams (customer_id, stream_id) VALUES (?, ?)').run(
        customerId,
        event.streamId,
      );
    }
    const reps = repsTouchedBy(event);
    const previousOwner = ownerChangeOf(event, db);
    if (previousOwner !== null) reps.push(previousOwner);
    reps.push(...disputePartiesOf(event, db));
    const addRep = db.prepare(
      'INSERT OR IGNORE INTO timeline_rep_events (rep_id, occurred_at, position) VALUES (?, ?, ?)',
    );
    // In one spelling (UTC), so the index sorts and filters by business time, whatever offset a caller wrote.
    const occurredAt = utcInstant(event.metadata.occurredAt);
    for (const repId of reps) addRep.run(repId, occurredAt, event.position);
  },
};
