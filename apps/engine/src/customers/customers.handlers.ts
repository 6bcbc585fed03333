import type { Actor } from '@leadledger/auth';
import {
  type CountryCode,
  type CustomerView,
  findCustomerIdByKey,
  getCustomer,
  identityKeysOf,
  ownerAsOf,
} from '@leadledger/customers';
import { NotFoundError } from '@leadledger/kernel';
import type { EngineConfig } from '@leadledger/platform';
import { ReadModelDatabase } from '@leadledger/projections';
import { ForbiddenException, Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { badRequest } from '../http/validation';
import { ownedByColleagueForbidden } from '../platform/owner-disclosure';
import { instantOfQuery } from '../platform/query-time';
import { ENGINE_CONFIG } from '../platform/tokens';
import type { FindCustomerQueryDto, OwnerAsOfDto } from './customers.dto';

/** Reps see only customers they own now or owned before; everyone else sees all. */
function visibleTo(actor: Actor, customer: CustomerView): boolean {
  return actor.role !== 'rep' || customer.ownership.some((interval) => interval.repId === actor.repId);
}

/**
 * The customer, if this actor may read it. A rep refused a colleague's customer learns what a
 * refused rep-sourced lead would tell them (LEADLEDGER_REVEAL_OWNER_TO_REPS), no more.
 */
function visibleCustomer(
  readModels: ReadModelDatabase,
  actor: Actor,
  customerId: string,
  revealOwnerToReps: boolean,
): CustomerView {
  const customer = getCustomer(readModels.db, customerId);
  if (!customer) throw new NotFoundError('customer', customerId);
  if (visibleTo(actor, customer)) return customer;
  const owner = customer.owner;
  if (owner) {
    const ownership = { customerId, ownerId: owner.repId, protectedUntil: owner.protectedUntil };
    throw ownedByColleagueForbidden(actor, ownership, revealOwnerToReps);
  }
  throw new ForbiddenException('A rep sees only their own customers');
}

export class FindCustomer extends Query<CustomerView> {
  constructor(
    readonly query: FindCustomerQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(FindCustomer)
export class FindCustomerHandler implements IQueryHandler<FindCustomer, CustomerView> {
  constructor(
    private readonly readModels: ReadModelDatabase,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async execute({ query, actor }: FindCustomer): Promise<CustomerView> {
    const given = Object.entries(query).filter(([, value]) => value !== undefined);
    if (given.length !== 1) {
      throw badRequest([{ field: 'phone|email|company', problem: 'give exactly one of phone, email or company' }]);
    }
    const { keys, problems } = identityKeysOf(query, this.config.defaultCountry as CountryCode);
    if (problems.length > 0) {
      throw badRequest(problems.map((p) => ({ field: p.field, problem: p.message })));
    }
    const customerId = findCustomerIdByKey(this.readModels.db, keys[0]);
    if (!customerId) throw new NotFoundError('customer with', `${keys[0].kind} ${keys[0].value}`);
    return visibleCustomer(this.readModels, actor, customerId, this.config.revealOwnerToReps);
  }
}

export class GetCustomer extends Query<CustomerView> {
  constructor(
    readonly customerId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetCustomer)
export class GetCustomerHandler implements IQueryHandler<GetCustomer, CustomerView> {
  constructor(
    private readonly readModels: ReadModelDatabase,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async execute({ customerId, actor }: GetCustomer): Promise<CustomerView> {
    return visibleCustomer(this.readModels, actor, customerId, this.config.revealOwnerToReps);
  }
}

export class GetOwnerAsOf extends Query<OwnerAsOfDto> {
  constructor(
    readonly customerId: string,
    readonly asOf: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetOwnerAsOf)
export class GetOwnerAsOfHandler implements IQueryHandler<GetOwnerAsOf, OwnerAsOfDto> {
  constructor(
    private readonly readModels: ReadModelDatabase,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async execute({ customerId, asOf, actor }: GetOwnerAsOf): Promise<OwnerAsOfDto> {
    visibleCustomer(this.readModels, actor, customerId, this.config.revealOwnerToReps);
    // A date-only asOf is the start of that business day in LEADLEDGER_TIMEZONE.
    const at = instantOfQuery(asOf, this.config.timeZone);
    return { customerId, asOf: at, owner: ownerAsOf(this.readModels.db, customerId, at) };
  }
}
