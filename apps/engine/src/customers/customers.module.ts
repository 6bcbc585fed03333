import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CustomersController } from './customers.controller';
import { FindCustomerHandler, GetCustomerHandler, GetOwnerAsOfHandler } from './customers.handlers';

@Module({
  imports: [CqrsModule],
  controllers: [CustomersController],
  providers: [FindCustomerHandler, GetCustomerHandler, GetOwnerAsOfHandler],
})
export class CustomersModule {}
