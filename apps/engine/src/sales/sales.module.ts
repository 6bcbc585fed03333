import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SalesController } from './sales.controller';
import {
  FindSalesHandler,
  GetAttributionHandler,
  GetSaleHandler,
  RecordSaleHandler,
  SaleChangeHandler,
  SaleViews,
} from './sales.handlers';

@Module({
  imports: [CqrsModule],
  controllers: [SalesController],
  providers: [SaleViews, FindSalesHandler, RecordSaleHandler, SaleChangeHandler, GetSaleHandler, GetAttributionHandler],
})
export class SalesModule {}
