import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';

export class FindCustomerQueryDto {
  @ApiPropertyOptional({ example: '138 0013 8000' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  phone?: string;

  @ApiPropertyOptional({ example: 'zhang.wei@example.cn' })
  @IsOptional()
  @IsString()
  @Length(3, 254)
  email?: string;

  @ApiPropertyOptional({ example: '华南贸易有限公司' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  company?: string;
}

export class OwnerAsOfQueryDto {
  @ApiProperty({ example: '2026-11-05T12:00:00+08:00' })
  @IsISO8601({ strict: true })
  asOf!: string;
}

export class OwnershipIntervalDto {
  @ApiProperty() repId!: string;
  @ApiProperty() from!: string;
  @ApiProperty({ nullable: true }) to!: string | null;
  @ApiProperty() via!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'The event that started the interval' }) eventId!: string;
}

export class CustomerDto {
  @ApiProperty() customerId!: string;
  @ApiProperty() registeredAt!: string;
  @ApiProperty() firstLeadId!: string;
  @ApiProperty() firstLeadChannel!: string;
  @ApiProperty({ nullable: true }) finderRepId!: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true })
  owner!: { repId: string; since: string; via: string; protectedUntil: string } | null;
  @ApiProperty({ nullable: true }) lastFollowUpAt!: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) identityKeys!: { kind: string; value: string }[];
  @ApiProperty({ type: [OwnershipIntervalDto] }) ownership!: OwnershipIntervalDto[];
}

export class OwnerAsOfDto {
  @ApiProperty() customerId!: string;
  @ApiProperty() asOf!: string;
  @ApiProperty({ type: OwnershipIntervalDto, nullable: true, description: 'null: nobody owned the customer then' })
  owner!: OwnershipIntervalDto | null;
}
