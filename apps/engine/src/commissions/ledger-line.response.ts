import {
  ATTRIBUTION_CLASSES,
  type AttributionClass,
  LINE_KINDS,
  type LineKind,
  type LineRule,
  PAYEE_KINDS,
  type PayeeKind,
  type PayeeRole,
} from '@leadledger/commissions';
import { ApiProperty } from '@nestjs/swagger';
import { ApiInstant, ApiMinorUnits, ApiPosition } from '../http/response-schemas';

/** Documentation only: a ledger line as the answers carry it (`LedgerLine`). */

export const LINE_RULES: readonly LineRule[] = ['rate', 'flat', 'minimum', 'partner-fee', 'adjustment', 'payout'];
export const PAYEE_ROLES: readonly PayeeRole[] = ['owner', 'finder', 'partner'];

export class PayeeDto {
  @ApiProperty({ enum: PAYEE_KINDS }) kind!: PayeeKind;
  @ApiProperty({ description: 'The rep id, or the referral partner id' }) id!: string;
}

export class LedgerLineDto {
  @ApiProperty({ description: '`<source event id>:<n>`: stable across rebuilds' }) lineId!: string;
  @ApiProperty({ type: PayeeDto }) payee!: PayeeDto;
  @ApiProperty({ enum: LINE_KINDS }) kind!: LineKind;
  @ApiProperty({ enum: LINE_RULES, description: 'Which rule made the line' }) rule!: LineRule;
  @ApiProperty({ description: 'The period the line is posted to (e.g. 2026-11 or 2026-Q4)' }) period!: string;
  @ApiProperty({ description: 'The period of its business time; differs from `period` when that was closed' })
  naturalPeriod!: string;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiMinorUnits({ description: 'Signed: accruals positive, clawbacks and payouts negative' }) amount!: number;
  @ApiInstant({ description: 'Business time of what produced the line' }) occurredAt!: string;
  @ApiPosition('Global log position of the source event (decimal string)') position!: string;
  @ApiProperty({ type: [String] }) sourceEventIds!: string[];
  @ApiProperty({ type: String, nullable: true }) saleId!: string | null;
  @ApiProperty({ type: String, nullable: true }) paymentId!: string | null;
  @ApiProperty({ type: String, nullable: true }) refundId!: string | null;
  @ApiProperty({ type: String, nullable: true }) adjustmentId!: string | null;
  @ApiProperty({ type: String, nullable: true }) payoutRunId!: string | null;
  @ApiProperty({ type: String, nullable: true }) planId!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) planVersion!: number | null;
  @ApiProperty({ enum: ATTRIBUTION_CLASSES, nullable: true }) attributionClass!: AttributionClass | null;
  @ApiProperty({ enum: PAYEE_ROLES, nullable: true, description: 'Who the line pays in the sale' })
  role!: PayeeRole | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Basis points: 10000 = 100%' }) rateBps!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Tier multiplier, basis points: 15000 = x1.5' })
  multiplierBps!: number | null;
  @ApiMinorUnits({ nullable: true, description: 'The commission base, where a rate applied' }) base!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Lines split from one undivided amount share a group' })
  groupId!: string | null;
  @ApiMinorUnits({ nullable: true }) undividedAmount!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'The clawed-back line, for clawbacks' })
  referencesLineId!: string | null;
  @ApiProperty({ example: '12,000.00 x 6.00% x 1.5 = 1,080.00' }) arithmetic!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why the line looks as it does, where not obvious' })
  note!: string | null;
}

/** A line as statements and payout runs show it: with the sale's external id (contract number). */
export class StatementLineDto extends LedgerLineDto {
  @ApiProperty({ type: String, nullable: true, description: "The sale's external id (contract number)" })
  saleExternalId!: string | null;
}
