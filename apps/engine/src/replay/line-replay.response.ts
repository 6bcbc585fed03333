import { LEAD_CHANNELS, type LeadChannel } from '@leadledger/leads';
import { ApiProperty } from '@nestjs/swagger';
import { LedgerLineDto } from '../commissions/ledger-line.response';
import { ApiAnyValue, ApiInstant, ApiMinorUnits, ApiPosition } from '../http/response-schemas';

/** Documentation only: a ledger line posted again from the log (`LineReplayAnswer`). */

export class LineDifferenceDto {
  @ApiProperty({
    description: "The line's field that differs (`amount`, `rateBps`, `period`…), or `line` when none was replayed",
  })
  input!: string;
  @ApiAnyValue('As recorded') recorded!: unknown;
  @ApiAnyValue('As replayed') replayed!: unknown;
}

export class ReplayStepDto {
  @ApiProperty({ example: 'rate' }) step!: string;
  @ApiProperty({ example: 'new-company-provided rate 5.00%' }) detail!: string;
}

export class EventRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() type!: string;
  @ApiPosition() position!: string;
}

export class ReplayedPlanDto {
  @ApiProperty() planId!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiInstant() effectiveFrom!: string;
}

export class ReplayedCustomerFactsDto {
  @ApiProperty() customerId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Who received or sourced the first lead' })
  finderRepId!: string | null;
  @ApiProperty({ enum: LEAD_CHANNELS }) firstLeadChannel!: LeadChannel;
  @ApiInstant({ nullable: true, description: "closedAt of the customer's earliest sale" }) firstSaleAt!: string | null;
}

export class ReplayedLeadFactsDto {
  @ApiProperty() leadId!: string;
  @ApiProperty({ enum: LEAD_CHANNELS }) channel!: LeadChannel;
  @ApiProperty({ type: String, nullable: true }) receivedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) referralPartnerId!: string | null;
}

export class TierBaseReadingDto {
  @ApiProperty() repId!: string;
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiMinorUnits({ description: 'Credited before the event at beforePosition' }) base!: number;
  @ApiPosition() beforePosition!: string;
  @ApiPosition('The event that last set it; null: nothing credited in the period before', true)
  setAtPosition!: string | null;
  @ApiMinorUnits({ description: "The rep's whole credited base in the period so far" }) creditedInPeriod!: number;
}

export class ReplayedDecisionDto {
  @ApiProperty() actorId!: string;
  @ApiProperty() actorRole!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true }) disputeId!: string | null;
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
}

export class LineReplayInputsDto {
  @ApiProperty({ type: EventRefDto, nullable: true }) sourceEvent!: EventRefDto | null;
  @ApiProperty({ type: ReplayedPlanDto, nullable: true }) plan!: ReplayedPlanDto | null;
  @ApiProperty({ type: ReplayedCustomerFactsDto, nullable: true }) customer!: ReplayedCustomerFactsDto | null;
  @ApiProperty({ type: [ReplayedLeadFactsDto], description: "The sale's lead and the customer's first lead" })
  leads!: ReplayedLeadFactsDto[];
  @ApiProperty({ type: [EventRefDto], description: "The sale's own events replayed, up to the source event" })
  saleEvents!: EventRefDto[];
  @ApiProperty({ type: 'integer' }) earlierSalesOfCustomer!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The last period closed before the source event' })
  closedThrough!: string | null;
  @ApiProperty({ type: TierBaseReadingDto, nullable: true, description: 'null when no tier applied' })
  tierBase!: TierBaseReadingDto | null;
  @ApiProperty({
    type: ReplayedDecisionDto,
    nullable: true,
    description: 'For an adjustment or payout: who decided it and why',
  })
  decision!: ReplayedDecisionDto | null;
  @ApiProperty({ type: [String], description: 'What the replay could not reproduce exactly' }) limits!: string[];
}

export class StreamReadDto {
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: 'integer' }) events!: number;
}

export class LineReplayReadsDto {
  @ApiProperty({ type: [StreamReadDto] }) streams!: StreamReadDto[];
  @ApiProperty({ type: 'integer' }) ledgerLines!: number;
}

export class LineReplayDto {
  @ApiProperty() lineId!: string;
  @ApiProperty({ type: LedgerLineDto, description: 'The line as the ledger posted it' }) recorded!: LedgerLineDto;
  @ApiProperty({ type: LedgerLineDto, nullable: true, description: 'null when the replay posts no such line' })
  replayed!: LedgerLineDto | null;
  @ApiProperty() identical!: boolean;
  @ApiProperty({ type: [LineDifferenceDto] }) differences!: LineDifferenceDto[];
  @ApiProperty({ type: [ReplayStepDto], description: 'The arithmetic, one step at a time' }) steps!: ReplayStepDto[];
  @ApiProperty({ type: LineReplayInputsDto }) inputs!: LineReplayInputsDto;
  @ApiProperty({ type: LineReplayReadsDto, description: 'What the replay read' }) reads!: LineReplayReadsDto;
}
