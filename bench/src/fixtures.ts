import type { EventMetadata, JsonObject } from '@leadledger/event-store';

/** One event as every subject receives it: no id, no recordedAt (the store adds both). */
export interface BenchEvent {
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: Omit<EventMetadata, 'recordedAt'>;
}

const CHANNELS = ['walk_in', 'phone', 'web_form', 'exhibition_card', 'referral', 'rep_sourced'];
const NAMES = ['Wang Fang', 'Li Wei', 'Zhang Min', 'Liu Yang', 'Chen Jing', 'Huang Lei'];
const COMPANIES = [
  'Brightway Trading Co., Ltd.',
  'Greenfield Foods Co., Ltd.',
  'Apex Precision Parts Co.',
  'Riverstone Logistics Ltd.',
];
const TYPES = ['LeadReceived', 'LeadAssigned', 'FollowUpLogged', 'CustomerClaimed'];

/** Deterministic, so every run and every subject stores exactly the same bytes. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
}

function fakeUuid(next: () => number): string {
  const hex = Array.from({ length: 4 }, () => next().toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** N events with ~200 bytes of lead data each and the full leadledger metadata. */
export function makeEvents(count: number): BenchEvent[] {
  const next = lcg(42);
  const start = Date.parse('2026-11-02T09:30:00.000Z');
  return Array.from({ length: count }, (_, i) => {
    const pick = <T>(list: readonly T[]): T => list[next() % list.length];
    const rep = `rep-${(next() % 40) + 1}`;
    const at = new Date(start + i * 37_000).toISOString();
    const name = pick(NAMES);
    return {
      type: TYPES[i % TYPES.length],
      data: {
        leadId: `lead-${String(i).padStart(7, '0')}`,
        channel: pick(CHANNELS),
        contact: {
          name,
          phone: `+86138${String(next() % 100_000_000).padStart(8, '0')}`,
          email: `${name.toLowerCase().replace(' ', '.')}${i}@example.cn`,
          company: pick(COMPANIES),
        },
        receivedBy: rep,
      },
      metadata: {
        actorId: rep,
        actorRole: 'rep',
        reason: i % 5 === 0 ? 'customer called back' : null,
        occurredAt: at,
        correlationId: fakeUuid(next),
        causationId: i % 2 === 0 ? fakeUuid(next) : null,
        idempotencyKey: `web-${i}`,
        schemaVersion: 1,
      },
    };
  });
}

/** The stream each event goes to: `streams` streams, round-robin. */
export function streamIds(streams: number): string[] {
  return Array.from({ length: streams }, (_, i) => `lead-${String(i + 1).padStart(4, '0')}`);
}

/** Average serialised sizes, for the report. */
export function averageBytes(events: readonly BenchEvent[]): { data: number; metadata: number } {
  const sum = (f: (e: BenchEvent) => unknown) =>
    events.reduce((total, e) => total + Buffer.byteLength(JSON.stringify(f(e))), 0) / Math.max(events.length, 1);
  return {
    data: Math.round(sum((e) => e.data)),
    metadata: Math.round(sum((e) => ({ ...e.metadata, recordedAt: '2026-11-02T09:30:00.000Z' }))),
  };
}
