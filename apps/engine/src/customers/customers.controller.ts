import type { Actor } from '@leadledger/auth';
import type { CustomerView } from '@leadledger/customers';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { CustomerDto, FindCustomerQueryDto, OwnerAsOfDto, OwnerAsOfQueryDto } from './customers.dto';
import { FindCustomer, GetCustomer, GetOwnerAsOf } from './customers.handlers';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class CustomersController {
  constructor(private readonly queries: QueryBus) {}

  /** Who owns the customer with this phone, e-mail or company, since when and via which rule. */
  @Get()
  @Roles('admin', 'manager', 'finance', 'service', 'rep')
  @ApiOkResponse({ type: CustomerDto })
  find(@Query() query: FindCustomerQueryDto, @CurrentActor() actor: Actor): Promise<CustomerView> {
    return this.queries.execute(new FindCustomer(query, actor));
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
}
