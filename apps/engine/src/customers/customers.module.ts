import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  ClaimCustomerHandler,
  CustomerCommands,
  LogFollowUpHandler,
  TransferCustomerHandler,
} from './customer-ownership.handlers';
import { ListCustomersHandler } from './customer-list.handlers';
import { ReleaseCustomerHandler } from './customer-release.handler';
import { CustomersController } from './customers.controller';
import { SharedPoolController } from './shared-pool.controller';
import { FindCustomerHandler, GetCustomerHandler, GetOwnerAsOfHandler } from './customers.handlers';

@Module({
  imports: [CqrsModule],
  controllers: [CustomersController, SharedPoolController],
  providers: [
    FindCustomerHandler,
    GetCustomerHandler,
    GetOwnerAsOfHandler,
    ListCustomersHandler,
    CustomerCommands,
    ClaimCustomerHandler,
    LogFollowUpHandler,
    TransferCustomerHandler,
    ReleaseCustomerHandler,
  ],
})
export class CustomersModule {}
