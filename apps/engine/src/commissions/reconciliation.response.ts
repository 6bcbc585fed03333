import { ApiProperty } from '@nestjs/swagger';
import { PayeeDto } from './ledger-line.response';
import { StatementFiguresDto, StatementTotalsDto } from './statement.response';

/** Documentation only: finance's check of a period (`Reconciliation`). */

export class ReconciliationRowDto extends StatementTotalsDto {
  @ApiProperty({ type: PayeeDto }) payee!: PayeeDto;
  @ApiProperty({ type: StatementFiguresDto, description: 'The same figures from an independent replay of the log' })
  control!: StatementFiguresDto;
  @ApiProperty({ description: 'Every figure equals its control to the minor unit' }) matches!: boolean;
}

export class ReconciliationTotalDto extends StatementTotalsDto {
  @ApiProperty({ type: StatementFiguresDto }) control!: StatementFiguresDto;
  @ApiProperty() matches!: boolean;
}

export class ReconciliationDto {
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiProperty({ type: [ReconciliationRowDto], description: 'One row per payee and currency' })
  payees!: ReconciliationRowDto[];
  @ApiProperty({ type: [ReconciliationTotalDto], description: 'Per currency: the sum over payees beside the control' })
  totals!: ReconciliationTotalDto[];
  @ApiProperty({ description: 'True only when every payee and every total matches' }) matches!: boolean;
}
