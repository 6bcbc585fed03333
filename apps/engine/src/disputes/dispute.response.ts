import { ApiProperty, OmitType } from '@nestjs/swagger';
import { LedgerLineDto } from '../commissions/ledger-line.response';
import { CustomerDto } from '../customers/customers.dto';
import { ApiInstant, ApiMinorUnits, ApiOneOfOrNull, ApiPosition } from '../http/response-schemas';
import { LeadAssignmentDto, LeadHistoryEntryDto, LeadSummaryDto } from '../leads/leads.dto';
import { DisputeSubjectDto, EvidenceRefDto } from './disputes.dto';

/** Documentation only: a dispute as the board shows it (`DisputeSummary`, `DisputeView`, `DisputeAnswer`). */

const BOARD_STATUSES = ['open', 'upheld', 'rejected'] as const;

export class DisputeTransferDto {
  @ApiProperty() customerId!: string;
  @ApiProperty() toRepId!: string;
  @ApiInstant({ description: 'When the transfer takes effect' }) effectiveAt!: string;
}

export class DisputeAdjustmentDto {
  @ApiProperty() adjustmentId!: string;
  @ApiProperty() repId!: string;
  @ApiMinorUnits({ description: 'Signed: positive pays the rep more, negative takes back' }) amount!: number;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: the period the resolution falls in' })
  period!: string | null;
}

export class DisputeRemedyDto {
  @ApiProperty({ type: DisputeTransferDto, nullable: true }) transfer!: DisputeTransferDto | null;
  @ApiProperty({ type: [DisputeAdjustmentDto] }) adjustments!: DisputeAdjustmentDto[];
}

/** The DisputeResolved event's data. */
export class DisputeResolutionDto {
  @ApiProperty() disputeId!: string;
  @ApiProperty({ enum: ['upheld', 'rejected'] }) outcome!: 'upheld' | 'rejected';
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'The actor id of the manager or admin' }) resolvedBy!: string;
  @ApiInstant() resolvedAt!: string;
  @ApiProperty({ type: DisputeRemedyDto, description: 'Both empty for a rejection' }) remedy!: DisputeRemedyDto;
}

export class RemedyProgressDto {
  @ApiProperty({ type: 'integer', description: 'Remedy steps the resolution named' }) steps!: number;
  @ApiProperty({ type: 'integer', description: 'Steps written so far' }) done!: number;
}

export class DisputeSummaryDto {
  @ApiProperty() disputeId!: string;
  @ApiProperty({ enum: BOARD_STATUSES }) status!: (typeof BOARD_STATUSES)[number];
  @ApiProperty() claimantRepId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The rep holding the subject when it opened, if not the claimant',
  })
  respondentRepId!: string | null;
  @ApiProperty({ type: DisputeSubjectDto }) subject!: DisputeSubjectDto;
  @ApiProperty() claim!: string;
  @ApiProperty({ description: 'The actor id that opened it: the rep, or a manager for them' }) openedBy!: string;
  @ApiInstant() openedAt!: string;
  @ApiProperty({ type: 'integer' }) commentCount!: number;
  @ApiProperty({ type: DisputeResolutionDto, nullable: true }) resolution!: DisputeResolutionDto | null;
  @ApiProperty({ type: RemedyProgressDto }) remedyProgress!: RemedyProgressDto;
}

export class DisputePageDto {
  @ApiProperty({ type: [DisputeSummaryDto], description: 'Oldest opened first' }) items!: DisputeSummaryDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) limit!: number;
  @ApiProperty({ type: 'integer' }) offset!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The offset of the next page; null on the last' })
  nextOffset!: number | null;
}

export class DisputeCommentDto {
  @ApiProperty() commentId!: string;
  @ApiProperty() authorId!: string;
  @ApiProperty() authorRole!: string;
  @ApiProperty() text!: string;
  @ApiInstant() at!: string;
  @ApiProperty() eventId!: string;
}

export class RemedyEventDto {
  @ApiProperty() eventId!: string;
  @ApiProperty({ example: 'CommissionAdjusted' }) type!: string;
  @ApiProperty() streamId!: string;
  @ApiPosition() position!: string;
}

/** A lead's assignment as the lead's record carries it: without GET /leads/:id's `explanation`. */
export class DisputeLeadAssignmentDto extends OmitType(LeadAssignmentDto, ['explanation'] as const) {}

/** The lead as the read models hold it (GET /leads/:id without its explanations). */
export class DisputeLeadRecordDto extends LeadSummaryDto {
  @ApiProperty({ type: [DisputeLeadAssignmentDto] }) assignments!: DisputeLeadAssignmentDto[];
  @ApiProperty({ type: [LeadHistoryEntryDto] }) history!: LeadHistoryEntryDto[];
}

export class DisputeDto extends DisputeSummaryDto {
  @ApiProperty({ type: [EvidenceRefDto] }) evidence!: EvidenceRefDto[];
  @ApiProperty({ type: [DisputeCommentDto] }) comments!: DisputeCommentDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The DisputeResolved event: every remedy event names it as its causation',
  })
  resolutionEventId!: string | null;
  @ApiProperty({ type: [RemedyEventDto], description: 'The events the remedy wrote, in log order' })
  remedyEvents!: RemedyEventDto[];
  @ApiOneOfOrNull(
    'The subject as the read models show it: the customer (customer-ownership), the lead (lead-assignment) or the ' +
      'ledger line; null when the subject is gone, or for a rep with no part in it',
    [CustomerDto, DisputeLeadRecordDto, LedgerLineDto],
  )
  subjectRecord!: CustomerDto | DisputeLeadRecordDto | LedgerLineDto | null;
}
