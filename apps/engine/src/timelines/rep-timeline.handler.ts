import type { Actor } from '@leadledger/auth';
import { EventStore, type StoredEvent } from '@leadledger/event-store';
import { getRep } from '@leadledger/leads';
import type { EngineConfig } from '@leadledger/platform';
import { ReadModelDatabase } from '@leadledger/projections';
import {
  type CustomerTimelineState,
  customerTimeline,
  describeEvent,
  type LeadTimelineState,
  leadTimeline,
  type RepNames,
  type TimelineEntry,
  type RepEventRef,
  repEventRefs,
  repEventRefsAmong,
  timelineEntry,
} from '@leadledger/timelines';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { instantOfQuery } from '../platform/query-time';
import { ENGINE_CONFIG } from '../platform/tokens';
import { repNamesFrom } from './rep-names';
import { DEFAULT_TIMELINE_LIMIT, type TimelinePage } from './timeline-page';
import { REP_CURSOR, type RepTimelineQueryDto } from './timelines.dto';
import { assertRepTimelineVisible } from './timelines.handlers';

/** What a rep's timeline entry is about, and that subject right after the event (customers and leads). */
export interface RepTimelineEntryState {
  readonly subject: { readonly kind: string; readonly id: string };
  readonly state: CustomerTimelineState | LeadTimelineState | null;
}

export type RepTimelinePage = TimelinePage<
  { readonly status: string; readonly team: string },
  RepTimelineEntryState
> & {
  readonly from: string | null;
  readonly to: string | null;
};

export class GetRepTimeline extends Query<RepTimelinePage> {
  constructor(
    readonly repId: string,
    readonly query: RepTimelineQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

const SUBJECT_PREFIXES = ['customer', 'lead', 'sale', 'pool', 'rep', 'dispute'];

function subjectOf(streamId: string): { kind: string; id: string } {
  const kind = SUBJECT_PREFIXES.find((prefix) => streamId.startsWith(`${prefix}-`));
  return kind ? { kind, id: streamId.slice(kind.length + 1) } : { kind: 'stream', id: streamId };
}

/** Each customer's and lead's own timeline, by position: the sentence in its context and the state after. */
async function subjectEntries(
  store: EventStore,
  events: readonly StoredEvent[],
  names: RepNames,
): Promise<Map<bigint, TimelineEntry<CustomerTimelineState | LeadTimelineState>>> {
  const byPosition = new Map<bigint, TimelineEntry<CustomerTimelineState | LeadTimelineState>>();
  const streams = new Set(
    events.map((e) => e.streamId).filter((s) => s.startsWith('customer-') || s.startsWith('lead-')),
  );
  for (const stream of streams) {
    const own = await store.readStream(stream);
    const entries = stream.startsWith('customer-') ? customerTimeline(own, names) : leadTimeline(own, names);
    for (const entry of entries) byPosition.set(BigInt(entry.position), entry);
  }
  return byPosition;
}

@QueryHandler(GetRepTimeline)
export class GetRepTimelineHandler implements IQueryHandler<GetRepTimeline, RepTimelinePage> {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async execute({ repId, query, actor }: GetRepTimeline): Promise<RepTimelinePage> {
    assertRepTimelineVisible(this.readModels, repId, actor);
    const db = this.readModels.connection;
    const zone = this.config.timeZone;
    const from = query.from === undefined ? null : instantOfQuery(query.from, zone);
    const to = query.to === undefined ? null : instantOfQuery(query.to, zone);
    const cursor = query.after === undefined ? null : REP_CURSOR.exec(query.after);
    const after = cursor ? { occurredAt: cursor[1], position: BigInt(cursor[2]) } : null;
    const limit = query.limit ?? DEFAULT_TIMELINE_LIMIT;
    const refs = query.subject
      ? await this.subjectRefs(repId, query.subject, { from, to }, after, limit + 1)
      : repEventRefs(db, repId, { from, to }, after, limit + 1);
    const page = refs.slice(0, limit);
    const events: StoredEvent[] = [];
    for (const ref of page) events.push(...(await this.store.readAll({ after: ref.position - 1n, maxCount: 1 })));
    const names = repNamesFrom(db);
    const inContext = await subjectEntries(this.store, events, names);
    const entries = events.map((event) => {
      const own = inContext.get(event.position);
      const sentence = own?.sentence ?? describeEvent(event, names);
      return timelineEntry(event, sentence, { subject: subjectOf(event.streamId), state: own?.stateAfter ?? null });
    });
    const last = page.at(-1);
    const rep = getRep(db, repId);
    return {
      subject: { kind: 'rep', id: repId },
      asOf: null,
      from,
      to,
      state: { status: rep?.status ?? 'active', team: rep?.team ?? '' },
      entries,
      next: refs.length > page.length && last ? `${last.occurredAt}~${last.position}` : null,
    };
  }

  /** The rep's refs among one subject's own events, windowed and paged as repEventRefs does. */
  private async subjectRefs(
    repId: string,
    subject: string,
    window: { from: string | null; to: string | null },
    after: RepEventRef | null,
    limit: number,
  ): Promise<RepEventRef[]> {
    const own = await this.store.readStream(subject);
    const isAfter = (ref: RepEventRef) =>
      !after ||
      ref.occurredAt > after.occurredAt ||
      (ref.occurredAt === after.occurredAt && ref.position > after.position);
    return repEventRefsAmong(this.readModels.connection, repId, own)
      .filter((ref) => ref.occurredAt >= (window.from ?? '') && (window.to === null || ref.occurredAt < window.to))
      .filter(isAfter)
      .slice(0, limit);
  }
}
