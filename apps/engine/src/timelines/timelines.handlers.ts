import type { Actor } from '@leadledger/auth';
import { customerStreamId, initialCustomerState } from '@leadledger/customers';
import { EventStore, type StoredEvent } from '@leadledger/event-store';
import { NotFoundError } from '@leadledger/kernel';
import { getRep, initialLeadState, leadStreamId } from '@leadledger/leads';
import type { EngineConfig } from '@leadledger/platform';
import { ReadModelDatabase } from '@leadledger/projections';
import {
  type CustomerTimelineState,
  customerLinkedStreams,
  customerTimeline,
  customerTimelineState,
  eventsAsOf,
  type LeadTimelineState,
  leadTimeline,
  leadTimelineState,
} from '@leadledger/timelines';
import { ForbiddenException, Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { GetCustomer } from '../customers/customers.handlers';
import { GetLead } from '../leads/lead-queries.handlers';
import { instantOfQuery } from '../platform/query-time';
import { ENGINE_CONFIG } from '../platform/tokens';
import { repNamesFrom } from './rep-names';
import { type TimelinePage, pageOfEntries } from './timeline-page';
import type { SubjectTimelineQueryDto } from './timelines.dto';

export type CustomerTimelinePage = TimelinePage<CustomerTimelineState>;
export type LeadTimelinePage = TimelinePage<LeadTimelineState>;

export class GetCustomerTimeline extends Query<CustomerTimelinePage> {
  constructor(
    readonly customerId: string,
    readonly query: SubjectTimelineQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

export class GetLeadTimeline extends Query<LeadTimelinePage> {
  constructor(
    readonly leadId: string,
    readonly query: SubjectTimelineQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The events of these streams; each stream is one subject's own history, so the read does not grow with the log. */
async function eventsOf(store: EventStore, streams: readonly string[]): Promise<StoredEvent[]> {
  return (await Promise.all(streams.map((stream) => store.readStream(stream)))).flat();
}

@QueryHandler(GetCustomerTimeline)
export class GetCustomerTimelineHandler implements IQueryHandler<GetCustomerTimeline, CustomerTimelinePage> {
  constructor(
    private readonly queries: QueryBus,
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async execute({ customerId, query, actor }: GetCustomerTimeline): Promise<CustomerTimelinePage> {
    // The customer's own answer decides 404 and what a rep may see.
    await this.queries.execute(new GetCustomer(customerId, actor));
    const db = this.readModels.connection;
    const linked = customerLinkedStreams(db, customerId);
    const events = await eventsOf(this.store, [customerStreamId(customerId), ...linked]);
    const asOf = query.asOf === undefined ? null : instantOfQuery(query.asOf, this.config.timeZone);
    const entries = customerTimeline(asOf === null ? events : eventsAsOf(events, asOf), repNamesFrom(db));
    const state = entries.at(-1)?.stateAfter ?? customerTimelineState(initialCustomerState);
    return {
      subject: { kind: 'customer', id: customerId },
      asOf,
      state,
      ...pageOfEntries(entries, query.after, query.limit),
    };
  }
}

@QueryHandler(GetLeadTimeline)
export class GetLeadTimelineHandler implements IQueryHandler<GetLeadTimeline, LeadTimelinePage> {
  constructor(
    private readonly queries: QueryBus,
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async execute({ leadId, query, actor }: GetLeadTimeline): Promise<LeadTimelinePage> {
    await this.queries.execute(new GetLead(leadId, actor));
    const events = await this.store.readStream(leadStreamId(leadId));
    const asOf = query.asOf === undefined ? null : instantOfQuery(query.asOf, this.config.timeZone);
    const entries = leadTimeline(
      asOf === null ? events : eventsAsOf(events, asOf),
      repNamesFrom(this.readModels.connection),
    );
    const state = entries.at(-1)?.stateAfter ?? leadTimelineState(initialLeadState);
    return { subject: { kind: 'lead', id: leadId }, asOf, state, ...pageOfEntries(entries, query.after, query.limit) };
  }
}

/** A rep reads only their own timeline; managers, finance, admins and services read any. */
export function assertRepTimelineVisible(readModels: ReadModelDatabase, repId: string, actor: Actor): void {
  if (!getRep(readModels.connection, repId)) throw new NotFoundError('rep', repId);
  if (actor.role === 'rep' && actor.repId !== repId) throw new ForbiddenException('A rep sees only their own timeline');
}
