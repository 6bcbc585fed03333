import type { ReadModelConnection } from '@leadledger/projections';

/** A customer in a list: enough to recognise and claim it, nothing of what its former owner wrote. */
export interface CustomerListItem {
  readonly customerId: string;
  /** The contact name and company the customer's first lead gave (null when it gave none). */
  readonly name: string | null;
  readonly company: string | null;
  readonly ownerId: string | null;
  /** For an owned customer: when its protection ends, and whether its owner has been warned (流失预警). */
  readonly protectedUntil: string | null;
  readonly warned: boolean;
  /** When and why the customer last went back to the shared pool (公海), and whose it was. */
  readonly releasedAt: string | null;
  readonly releaseReason: string | null;
  readonly formerOwnerId: string | null;
}

export interface CustomerListFilter {
  /** released: in the shared pool now (owned by nobody after a release); owned: someone owns it. */
  readonly status?: 'released' | 'owned';
  /** With released: the rep it was released from; otherwise the rep who owns it now. */
  readonly ownerId?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface CustomerPage {
  readonly items: CustomerListItem[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
  /** The offset of the next page, null on the last. */
  readonly nextOffset: number | null;
}

interface ListRow {
  customer_id: string;
  contact: string | null;
  owner_rep_id: string | null;
  protected_until: string | null;
  warned: number;
  released_at: string | null;
  released_reason: string | null;
  released_from: string | null;
}

/**
 * Customers of the directory, paged: the shared pool newest release first, or a rep's
 * customers by customer id. Names come from each customer's first lead on the lead board.
 */
export function listCustomers(db: ReadModelConnection, filter: CustomerListFilter): CustomerPage {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.status === 'released') where.push('d.owner_rep_id IS NULL AND d.released_at IS NOT NULL');
  if (filter.status === 'owned') where.push('d.owner_rep_id IS NOT NULL');
  if (filter.ownerId !== undefined) {
    where.push(filter.status === 'released' ? 'd.released_from = ?' : 'd.owner_rep_id = ?');
    params.push(filter.ownerId);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const order = filter.status === 'released' ? 'd.released_at_ms DESC, d.customer_id' : 'd.customer_id';
  const { total } = db.prepare(`SELECT count(*) AS total FROM customer_directory d ${clause}`).get(...params) as {
    total: number;
  };
  const rows = db
    .prepare(
      `SELECT d.customer_id, l.contact, d.owner_rep_id, d.protected_until, d.warned, d.released_at, d.released_reason,
              d.released_from
       FROM customer_directory d LEFT JOIN lead_board l ON l.lead_id = d.first_lead_id
       ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .all(...params, filter.limit, filter.offset) as ListRow[];
  const items = rows.map((row) => {
    const contact = row.contact ? (JSON.parse(row.contact) as { name?: string | null; company?: string | null }) : {};
    return {
      customerId: row.customer_id,
      name: contact.name ?? null,
      company: contact.company ?? null,
      ownerId: row.owner_rep_id,
      protectedUntil: row.protected_until,
      warned: row.warned === 1,
      releasedAt: row.owner_rep_id === null ? row.released_at : null,
      releaseReason: row.owner_rep_id === null ? row.released_reason : null,
      formerOwnerId: row.owner_rep_id === null ? row.released_from : null,
    };
  });
  const next = filter.offset + items.length;
  return { items, total, limit: filter.limit, offset: filter.offset, nextOffset: next < total ? next : null };
}
