import { Module } from '@nestjs/common';
import { Scheduler } from './scheduler.service';

@Module({ providers: [Scheduler], exports: [Scheduler] })
export class SchedulerModule {}
