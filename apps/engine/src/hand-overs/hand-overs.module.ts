import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { HandOverController } from './hand-over.controller';
import { DepartRepHandler, HandOverWorkHandler } from './hand-over.handlers';

@Module({
  imports: [CqrsModule],
  controllers: [HandOverController],
  providers: [DepartRepHandler, HandOverWorkHandler],
})
export class HandOversModule {}
