import type { AssignmentTrace, LeadChannel } from '@leadledger/leads';
import { LEAD_CHANNELS } from '@leadledger/leads';
import { type MemberSkipReason, POOL_STRATEGIES, type PoolStrategy, SKIP_REASONS } from '@leadledger/routing';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiAnyValue, ApiInstant, ApiPosition } from '../http/response-schemas';

/** Documentation only: an assignment decided again from the log (`AssignmentReplay`). */

const ASSIGNMENT_RULES: readonly AssignmentTrace['rule'][] = [
  'existing-customer',
  'received-walk-in',
  'rep-sourced',
  'pool-rotation',
  'claim',
  'reassigned-after-sla',
  'reassigned-after-decline',
  'hand-off',
  'manager-routing',
];

export class ReplayDifferenceDto {
  @ApiProperty({ description: 'What differed, e.g. `policyVersion`, `candidates[rep-li].weight`, `chosen`, `repId`' })
  input!: string;
  @ApiAnyValue('As recorded') recorded!: unknown;
  @ApiAnyValue('As replayed') replayed!: unknown;
}

export class RecordedAssignmentDto {
  @ApiProperty() repId!: string;
  @ApiProperty({ enum: ASSIGNMENT_RULES }) rule!: AssignmentTrace['rule'];
  @ApiInstant() occurredAt!: string;
  @ApiPosition() position!: string;
  @ApiProperty() actorId!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}

export class RoutingCandidateDto {
  @ApiProperty() repId!: string;
  @ApiProperty({ type: 'integer' }) weight!: number;
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ enum: SKIP_REASONS, nullable: true }) skippedBecause!: MemberSkipReason | null;
  @ApiProperty({ type: 'integer' }) assignedToday!: number;
  @ApiProperty({ type: 'integer' }) assignedThisMonth!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: "Pool-wide sequence number of the member's last lead" })
  lastAssignment!: number | null;
}

const ROTATION = {
  type: 'object',
  additionalProperties: { type: 'integer' },
  description: 'By rep id: each member’s credit (smooth-weighted-round-robin) or assignments that day (least-assigned)',
} as const;

/** A pool's trace of one decision (`RoutingTrace`). */
export class RoutingTraceDto {
  @ApiProperty({ enum: POOL_STRATEGIES }) strategy!: PoolStrategy;
  @ApiProperty({ type: 'integer', description: 'The configuration it was decided under (PoolCreated = 1)' })
  policyVersion!: number;
  @ApiProperty({ type: [RoutingCandidateDto] }) candidates!: RoutingCandidateDto[];
  @ApiProperty(ROTATION) rotationBefore!: Record<string, number>;
  @ApiProperty(ROTATION) rotationAfter!: Record<string, number>;
  @ApiProperty({ type: String, nullable: true, description: 'null when nobody was eligible' }) chosen!: string | null;
}

export class ReplayedAssignmentDto {
  @ApiProperty({ description: 'The rule the replay applied, or the refusal it met' }) rule!: string;
  @ApiProperty({ type: String, nullable: true }) repId!: string | null;
  @ApiPropertyOptional({ type: RoutingTraceDto, description: "The pool's recomputed trace, where a pool chose" })
  poolTrace?: RoutingTraceDto;
}

export class ReplayedLeadDto {
  @ApiProperty({ enum: LEAD_CHANNELS }) channel!: LeadChannel;
  @ApiProperty({ type: String, nullable: true }) receivedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) poolId!: string | null;
}

export class ReplayedCustomerDto {
  @ApiProperty() customerId!: string;
  @ApiProperty({ type: String, nullable: true }) ownerId!: string | null;
  @ApiInstant({ nullable: true }) protectedUntil!: string | null;
}

export class ReplayedPoolDto {
  @ApiProperty() poolId!: string;
  @ApiProperty({ type: 'integer', description: "The pool's events folded before the decision" })
  eventsReplayed!: number;
  @ApiProperty({ type: 'integer', nullable: true }) policyVersion!: number | null;
}

export class AssignmentReplayInputsDto {
  @ApiProperty({ type: ReplayedLeadDto }) lead!: ReplayedLeadDto;
  @ApiProperty({ type: ReplayedCustomerDto, nullable: true, description: 'The customer as it was then' })
  customer!: ReplayedCustomerDto | null;
  @ApiProperty({ type: ReplayedPoolDto, nullable: true }) pool!: ReplayedPoolDto | null;
}

export class AssignmentReplayDto {
  @ApiProperty() leadId!: string;
  @ApiProperty({ type: 'integer', description: '1 for the first' }) assignment!: number;
  @ApiProperty({ type: RecordedAssignmentDto }) recorded!: RecordedAssignmentDto;
  @ApiProperty({
    type: ReplayedAssignmentDto,
    nullable: true,
    description: 'null when a person decided (a claim, a hand-off, a manager’s routing)',
  })
  replayed!: ReplayedAssignmentDto | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null when a person decided' })
  identical!: boolean | null;
  @ApiProperty({ type: [ReplayDifferenceDto] }) differences!: ReplayDifferenceDto[];
  @ApiProperty({ type: AssignmentReplayInputsDto, description: 'The inputs as the log had them then' })
  inputs!: AssignmentReplayInputsDto;
}
