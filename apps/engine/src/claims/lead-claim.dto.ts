import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class ClaimLeadDto {
  @ApiPropertyOptional({ description: 'The claiming rep; a manager or admin names one, a rep claims as themselves' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  repId?: string;
}
