import { ApiProperty } from '@nestjs/swagger';
import { ApiMinorSum } from '../http/response-schemas';
import { PayeeDto, StatementLineDto } from './ledger-line.response';

/** Documentation only: a payee's statement (`LedgerStatement`) and the figures statements and reconciliation share. */

/** The movements of one currency: opening + accrued + clawedBack + adjusted + paid = closingDue. */
export class StatementFiguresDto {
  @ApiMinorSum('Every earlier period') opening!: number | string;
  @ApiMinorSum('Accruals posted to the period') accrued!: number | string;
  @ApiMinorSum('Clawbacks posted to the period, negative or zero') clawedBack!: number | string;
  @ApiMinorSum('Adjustments posted to the period') adjusted!: number | string;
  @ApiMinorSum('Payouts posted to the period, negative or zero') paid!: number | string;
  @ApiMinorSum('What is due at the end of the period') closingDue!: number | string;
}

export class StatementTotalsDto extends StatementFiguresDto {
  @ApiProperty({ example: 'CNY' }) currency!: string;
}

export class StatementDto {
  @ApiProperty({ type: PayeeDto }) payee!: PayeeDto;
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiProperty({ type: [StatementLineDto], description: 'The lines posted to the period, in posting order' })
  lines!: StatementLineDto[];
  @ApiProperty({ type: [StatementTotalsDto], description: 'One per currency the payee has lines in, up to the period' })
  totals!: StatementTotalsDto[];
}
