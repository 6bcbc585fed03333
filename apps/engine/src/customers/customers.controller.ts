import type { Actor } from '@leadledger/auth';
import type { CustomerPage, CustomerView } from '@leadledger/customers';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { badRequest } from '../http/validation';
import { CustomerPageDto } from './customer-list.dto';
import { ListCustomers } from './customer-list.handlers';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ClaimCustomerRequest, LogFollowUpRequest, TransferCustomerRequest } from './customer-ownership.handlers';
import { ReleaseCustomerRequest } from './customer-release.handler';
import {
  ClaimCustomerDto,
  ReleaseCustomerDto,
  CustomerDto,
  CustomersQueryDto,
  FollowUpLoggedDto,
  LogFollowUpDto,
  OwnerAsOfDto,
  OwnerAsOfQueryDto,
  TransferCustomerDto,
} from './customers.dto';
import { FindCustomer, GetCustomer, GetOwnerAsOf } from './customers.handlers';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class CustomersController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  /**
   * Who owns the customer with this phone, e-mail or company, since when and via which rule;
   * or, with status and/or ownerId, a page of customers: status=released is the shared pool
   * (公海), newest release first.
   */
  @Get()
  @Roles('admin', 'manager', 'finance', 'service', 'rep')
  @ApiOkResponse({
    description: 'CustomerDto for a key lookup (phone, email or company); CustomerPageDto for a list (status, ownerId)',
    schema: { oneOf: [{ $ref: getSchemaPath(CustomerDto) }, { $ref: getSchemaPath(CustomerPageDto) }] },
  })
  @ApiExtraModels(CustomerDto, CustomerPageDto)
  find(@Query() query: CustomersQueryDto, @CurrentActor() actor: Actor): Promise<CustomerView | CustomerPage> {
    const { status, ownerId, limit, offset, ...keys } = query;
    if (status !== undefined || ownerId !== undefined) {
      if (Object.values(keys).some((value) => value !== undefined)) {
        throw badRequest([{ field: 'phone|email|company', problem: 'a key lookup takes no list filters' }]);
      }
      return this.queries.execute(new ListCustomers({ status, ownerId, limit, offset }, actor));
    }
    if (limit !== undefined || offset !== undefined) {
      throw badRequest([{ field: 'status|ownerId', problem: 'paging needs a list: give status or ownerId' }]);
    }
    return this.queries.execute(new FindCustomer(keys, actor));
  }

  /** The customer with its ownership history as intervals. */
  @Get(':id')
  @Roles('admin', 'manager', 'finance', 'service', 'rep')
  @ApiOkResponse({ type: CustomerDto })
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<CustomerView> {
    return this.queries.execute(new GetCustomer(id, actor));
  }

  /** The owner at a moment in the past, for disputes. */
  @Get(':id/owner')
  @Roles('admin', 'manager', 'finance', 'service', 'rep')
  @ApiOkResponse({ type: OwnerAsOfDto })
  owner(
    @Param('id') id: string,
    @Query() query: OwnerAsOfQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<OwnerAsOfDto> {
    return this.queries.execute(new GetOwnerAsOf(id, query.asOf, actor));
  }

  /** 认领: takes a customer nobody protects; the first valid claim wins, the rest get 409 naming the owner. */
  @Post(':id/claim')
  @HttpCode(200)
  @Roles('rep', 'manager', 'admin')
  @ApiOkResponse({ type: CustomerDto })
  @ApiConflictResponse({
    description:
      'CustomerProtected (owner, protection end), AlreadyOwner, ReclaimTooSoon, RepDeparted, DailyClaimLimitReached, CustomerHoldingCapReached; for a dated claim EffectiveAtInFuture, EffectiveAtInClosedPeriod, OccurredBeforeLastChange, EffectiveAtBeforeRecordedSale',
  })
  claim(@Param('id') id: string, @Body() body: ClaimCustomerDto, @CurrentActor() actor: Actor): Promise<CustomerView> {
    return this.commands.execute(new ClaimCustomerRequest(id, body, actor));
  }

  /** 跟进 by the owner: extends protection by the owner's protection days from when it happened. */
  @Post(':id/follow-ups')
  @HttpCode(201)
  @Roles('rep', 'manager', 'admin')
  @ApiCreatedResponse({ type: FollowUpLoggedDto })
  @ApiConflictResponse({ description: 'NotOwner: names the current owner (null when nobody owns the customer)' })
  logFollowUp(
    @Param('id') id: string,
    @Body() body: LogFollowUpDto,
    @CurrentActor() actor: Actor,
  ): Promise<FollowUpLoggedDto> {
    return this.commands.execute(new LogFollowUpRequest(id, body, actor));
  }

  /** Gives an owned customer back to the shared pool (公海), with the reason recorded. */
  @Post(':id/release')
  @HttpCode(200)
  @Roles('rep', 'manager', 'admin')
  @ApiOkResponse({ type: CustomerDto })
  @ApiConflictResponse({
    description:
      'NotOwner (the current owner, null when nobody owns it); EffectiveAtInFuture, OccurredBeforeLastChange, EffectiveAtInClosedPeriod, EffectiveAtBeforeRecordedSale for a dated release',
  })
  release(
    @Param('id') id: string,
    @Body() body: ReleaseCustomerDto,
    @CurrentActor() actor: Actor,
  ): Promise<CustomerView> {
    return this.commands.execute(new ReleaseCustomerRequest(id, body, actor));
  }

  /** 移交 of one customer to another rep, with the manager and the reason recorded. */
  @Post(':id/transfer')
  @HttpCode(200)
  @Roles('manager', 'admin')
  @ApiOkResponse({ type: CustomerDto })
  @ApiConflictResponse({
    description:
      'AlreadyOwner, or RepDeparted for a successor who has left; for a dated transfer EffectiveAtInFuture, EffectiveAtInClosedPeriod, OccurredBeforeLastChange, EffectiveAtBeforeRecordedSale',
  })
  transfer(
    @Param('id') id: string,
    @Body() body: TransferCustomerDto,
    @CurrentActor() actor: Actor,
  ): Promise<CustomerView> {
    return this.commands.execute(new TransferCustomerRequest(id, body, actor));
  }
}
