import type { CustomerTimelineState, LeadTimelineState } from '@leadledger/timelines';
import { LEAD_STATUSES, REP_STATUSES, type RepStatus } from '@leadledger/leads';
import { ApiProperty } from '@nestjs/swagger';
import { ApiInstant, ApiOneOfOrNull, ApiPosition } from '../http/response-schemas';

/** Documentation only: the timelines' pages (`TimelinePage`, `RepTimelinePage`). */

const CUSTOMER_STATUSES: readonly CustomerTimelineState['status'][] = ['unregistered', 'unowned', 'owned'];
/** `absent` is the lead before its first event (a page replayed to an `asOf` before it arrived). */
const LEAD_TIMELINE_STATUSES: readonly LeadTimelineState['status'][] = ['absent', ...LEAD_STATUSES];
/** What a rep timeline entry is about: the prefix of its event's stream (`stream` when none is known). */
const ENTRY_SUBJECT_KINDS = ['customer', 'lead', 'sale', 'pool', 'rep', 'dispute', 'stream'] as const;

export class CustomerTimelineStateDto {
  @ApiProperty({ enum: CUSTOMER_STATUSES }) status!: CustomerTimelineState['status'];
  @ApiProperty({ type: String, nullable: true }) ownerId!: string | null;
  @ApiInstant({ nullable: true }) protectedUntil!: string | null;
  @ApiProperty({ description: 'Whether the warning (流失预警) for the current protection window went out' })
  warned!: boolean;
}

export class LeadTimelineStateDto {
  @ApiProperty({ enum: LEAD_TIMELINE_STATUSES }) status!: LeadTimelineState['status'];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The rep holding the lead (or who held it when it converted)',
  })
  repId!: string | null;
  @ApiProperty({ type: String, nullable: true }) customerId!: string | null;
}

export class RepTimelineStateDto {
  @ApiProperty({ enum: REP_STATUSES }) status!: RepStatus;
  @ApiProperty() team!: string;
}

export class TimelineSubjectDto {
  @ApiProperty({ enum: ['customer', 'lead', 'rep'] }) kind!: 'customer' | 'lead' | 'rep';
  @ApiProperty() id!: string;
}

/** One event of a timeline; each timeline's entry adds the subject's state after it. */
class TimelineEntryDto {
  @ApiPosition('Global log position (decimal string): the order decisions were recorded in') position!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty({ example: 'OwnershipAssigned' }) type!: string;
  @ApiProperty() streamId!: string;
  @ApiInstant({ description: 'Business time' }) occurredAt!: string;
  @ApiInstant({ description: 'When the log recorded it' }) recordedAt!: string;
  @ApiProperty() actorId!: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ description: 'What happened, in words' }) sentence!: string;
}

export class CustomerTimelineEntryDto extends TimelineEntryDto {
  @ApiProperty({ type: CustomerTimelineStateDto }) stateAfter!: CustomerTimelineStateDto;
}

export class LeadTimelineEntryDto extends TimelineEntryDto {
  @ApiProperty({ type: LeadTimelineStateDto }) stateAfter!: LeadTimelineStateDto;
}

export class RepTimelineEntrySubjectDto {
  @ApiProperty({ enum: ENTRY_SUBJECT_KINDS }) kind!: (typeof ENTRY_SUBJECT_KINDS)[number];
  @ApiProperty() id!: string;
}

export class RepTimelineEntryStateDto {
  @ApiProperty({ type: RepTimelineEntrySubjectDto }) subject!: RepTimelineEntrySubjectDto;
  @ApiOneOfOrNull('The customer or lead right after the event (as in its own timeline); null for other subjects', [
    CustomerTimelineStateDto,
    LeadTimelineStateDto,
  ])
  state!: CustomerTimelineStateDto | LeadTimelineStateDto | null;
}

export class RepTimelineEntryDto extends TimelineEntryDto {
  @ApiProperty({ type: RepTimelineEntryStateDto }) stateAfter!: RepTimelineEntryStateDto;
}

class SubjectTimelinePageDto {
  @ApiProperty({ type: TimelineSubjectDto }) subject!: TimelineSubjectDto;
  @ApiInstant({ nullable: true, description: 'The moment replayed up to; null: everything' }) asOf!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last' })
  next!: string | null;
}

export class CustomerTimelineDto extends SubjectTimelinePageDto {
  @ApiProperty({ type: CustomerTimelineStateDto, description: 'The customer after the last event replayed' })
  state!: CustomerTimelineStateDto;
  @ApiProperty({ type: [CustomerTimelineEntryDto] }) entries!: CustomerTimelineEntryDto[];
}

export class LeadTimelineDto extends SubjectTimelinePageDto {
  @ApiProperty({ type: LeadTimelineStateDto, description: 'The lead after the last event replayed' })
  state!: LeadTimelineStateDto;
  @ApiProperty({ type: [LeadTimelineEntryDto] }) entries!: LeadTimelineEntryDto[];
}

export class RepTimelineDto {
  @ApiProperty({ type: TimelineSubjectDto }) subject!: TimelineSubjectDto;
  @ApiProperty({ type: String, nullable: true, description: 'Always null: a rep timeline is windowed by from and to' })
  asOf!: string | null;
  @ApiInstant({ nullable: true, description: 'The window’s start (business time); null: from the first event' })
  from!: string | null;
  @ApiInstant({ nullable: true, description: 'The window’s end, exclusive; null: up to now' }) to!: string | null;
  @ApiProperty({ type: RepTimelineStateDto, description: 'The rep now' }) state!: RepTimelineStateDto;
  @ApiProperty({ type: [RepTimelineEntryDto], description: 'By business time, then log position' })
  entries!: RepTimelineEntryDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `after` for the next page (`<occurredAt>~<position>`); null on the last',
  })
  next!: string | null;
}
