import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { HandOverController } from './hand-over.controller';
import { DepartRepHandler, HandOverWorkHandler, RepWork } from './hand-over.handlers';

@Module({
  imports: [CqrsModule],
  controllers: [HandOverController],
  providers: [RepWork, DepartRepHandler, HandOverWorkHandler],
})
export class HandOversModule {}
