import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

@Module({ imports: [CqrsModule], controllers: [], providers: [] })
export class PoolsModule {}
