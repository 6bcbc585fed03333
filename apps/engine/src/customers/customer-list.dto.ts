import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageLimit, PageOffset } from '../http/page-limit';

/** The list filters of GET /customers; without status or ownerId, the route looks one customer up by a key. */
export class CustomerListQueryDto {
  @ApiPropertyOptional({
    enum: ['released', 'owned'],
    description: 'released: the shared pool (公海), newest release first; owned: customers someone owns',
  })
  @IsOptional()
  @IsIn(['released', 'owned'])
  status?: 'released' | 'owned';

  @ApiPropertyOptional({
    description: 'With status=released: the rep they were released from; otherwise the rep who owns them now',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  ownerId?: string;

  @PageLimit('How many customers (1–100, default 20)', 100)
  limit?: number;

  @PageOffset()
  offset?: number;
}

export class CustomerListItemDto {
  @ApiProperty() customerId!: string;
  @ApiProperty({ type: String, nullable: true, description: "The contact name the customer's first lead gave" })
  name!: string | null;
  @ApiProperty({ type: String, nullable: true }) company!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The owner now (null in the shared pool)' }) ownerId!:
    string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'When the owner’s protection ends (null in the shared pool)',
  })
  protectedUntil!: string | null;
  @ApiProperty({ description: 'Whether the owner has had this protection window’s warning (流失预警)' })
  warned!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'When the customer went back to the shared pool' })
  releasedAt!: string | null;
  @ApiProperty({ nullable: true, enum: ['protection-expired', 'owner-released', 'departure'] })
  releaseReason!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Whose customer it was; shown to a rep only when it was their own',
  })
  formerOwnerId!: string | null;
}

export class CustomerPageDto {
  @ApiProperty({ type: [CustomerListItemDto] }) items!: CustomerListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The offset of the next page; null on the last' })
  nextOffset!: number | null;
}
