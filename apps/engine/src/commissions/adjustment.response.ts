import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiMinorUnits } from '../http/response-schemas';
import { PayeeDto } from './ledger-line.response';

/** Documentation only: an adjustment as recorded (the CommissionAdjusted event's data). */
export class AdjustmentDto {
  @ApiProperty() adjustmentId!: string;
  @ApiProperty({ type: PayeeDto }) payee!: PayeeDto;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiMinorUnits({ description: 'Signed: positive pays more, negative takes back' }) amount!: number;
  @ApiProperty({ description: 'The open period it was posted to', example: '2026-11' }) period!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, nullable: true, description: 'What it corrects (a sale id, a line id)' })
  reference!: string | null;
  @ApiPropertyOptional({ description: 'The dispute whose resolution posted it; absent for one made by hand' })
  disputeId?: string;
}
