import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SalesController } from './sales.controller';
import {
  GetAttributionHandler,
  GetSaleHandler,
  RecordSaleHandler,
  SaleChangeHandler,
  SaleViews,
} from './sales.handlers';

@Module({
  imports: [CqrsModule],
  controllers: [SalesController],
  providers: [SaleViews, RecordSaleHandler, SaleChangeHandler, GetSaleHandler, GetAttributionHandler],
})
export class SalesModule {}
