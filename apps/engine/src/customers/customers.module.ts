import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  ClaimCustomerHandler,
  CustomerCommands,
  LogFollowUpHandler,
  TransferCustomerHandler,
} from './customer-ownership.handlers';
import { CustomersController } from './customers.controller';
import { FindCustomerHandler, GetCustomerHandler, GetOwnerAsOfHandler } from './customers.handlers';

@Module({
  imports: [CqrsModule],
  controllers: [CustomersController],
  providers: [
    FindCustomerHandler,
    GetCustomerHandler,
    GetOwnerAsOfHandler,
    CustomerCommands,
    ClaimCustomerHandler,
    LogFollowUpHandler,
    TransferCustomerHandler,
  ],
})
export class CustomersModule {}
