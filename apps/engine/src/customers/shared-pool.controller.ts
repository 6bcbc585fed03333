import type { Actor } from '@leadledger/auth';
import { SHARED_POOL_RULES_STREAM, sharedPoolDecider } from '@leadledger/customers';
import { EventStore, handleCommand } from '@leadledger/event-store';
import { type Clock, isRefusal } from '@leadledger/kernel';
import type { EngineConfig } from '@leadledger/platform';
import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { RequestContexts } from '../http/request-context';
import { badRequest } from '../http/validation';
import { CLOCK, ENGINE_CONFIG } from '../platform/tokens';
import { type SharedPoolPolicy, sharedPoolPolicy } from './shared-pool-claims';

export class ClaimRulesDto {
  // Required though it may be null: the rules are replaced whole, and a limit left out must not be lifted unseen.
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 1,
    description: 'Claims one rep may make per business day; null: no limit (required: send null to lift it)',
  })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(10_000)
  claimsPerDay!: number | null;

  @ApiProperty({ minimum: 0, description: 'Days before a rep may claim back a customer released from them' })
  @IsInt()
  @Min(0)
  @Max(3650)
  reclaimCoolDownDays!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 1,
    description:
      'Customers one rep may hold and still claim (保有量上限); null: no cap (required: send null to lift it)',
  })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  maxCustomersPerRep!: number | null;
}

export class SharedPoolPolicyDto {
  @ApiProperty({ description: '0 until rules are first published (the engine defaults apply)' }) policyVersion!: number;
  @ApiProperty({ type: ClaimRulesDto }) rules!: ClaimRulesDto;
}

/** The shared pool's (公海) claim rules: a daily claim limit, the reclaim cool-down and a holding cap, versioned. */
@ApiTags('customers')
@ApiBearerAuth()
@Controller('shared-pool')
export class SharedPoolController {
  constructor(
    private readonly store: EventStore,
    private readonly contexts: RequestContexts,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  /** The rules claims are held to now, with their policy version. */
  @Get('rules')
  @Roles('admin', 'manager', 'finance', 'service', 'rep')
  @ApiOkResponse({ type: SharedPoolPolicyDto })
  rules(): Promise<SharedPoolPolicy> {
    return sharedPoolPolicy(this.store, this.config.reclaimCoolDownDays);
  }

  /** Publishes new claim rules: a new policy version that applies to claims from now on. */
  @Put('rules')
  @Roles('admin', 'manager')
  @ApiOkResponse({ type: SharedPoolPolicyDto })
  async change(@Body() body: ClaimRulesDto, @CurrentActor() actor: Actor): Promise<SharedPoolPolicy> {
    const rules = {
      claimsPerDay: body.claimsPerDay ?? null,
      reclaimCoolDownDays: body.reclaimCoolDownDays,
      maxCustomersPerRep: body.maxCustomersPerRep ?? null,
    };
    const context = this.contexts.for(actor, { occurredAt: this.clock.now().toISOString() });
    const result = await handleCommand(
      this.store,
      SHARED_POOL_RULES_STREAM,
      sharedPoolDecider,
      { kind: 'ChangeClaimRules', rules },
      context,
    );
    if (isRefusal(result)) throw badRequest([{ field: String(result.facts.field), problem: result.message }]);
    return sharedPoolPolicy(this.store, this.config.reclaimCoolDownDays);
  }
}
