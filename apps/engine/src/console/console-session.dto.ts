import { ROLES, type Role } from '@leadledger/auth';
import { ApiProperty } from '@nestjs/swagger';

export class ConsoleSessionDto {
  @ApiProperty({ enum: ROLES })
  readonly role!: Role;

  @ApiProperty({ type: String, nullable: true, description: 'the rep a rep key speaks for; null for other roles' })
  readonly repId!: string | null;

  @ApiProperty({
    description: 'LEADLEDGER_TIMEZONE: the IANA zone business days are counted in',
    example: 'Asia/Shanghai',
  })
  readonly timeZone!: string;
}
