import { ROLES, type Role } from '@leadledger/auth';
import { ApiProperty } from '@nestjs/swagger';

export class ConsoleSessionDto {
  @ApiProperty({ enum: ROLES })
  readonly role!: Role;

  @ApiProperty({ type: String, nullable: true, description: 'the rep a rep key speaks for; null for other roles' })
  readonly repId!: string | null;
}
