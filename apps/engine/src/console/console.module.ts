import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller';

/** Serves the operations console at /console; it reads the same HTTP API as every other client. */
@Module({ controllers: [ConsoleController] })
export class ConsoleModule {}
