import { ApiProperty } from '@nestjs/swagger';

export class ProjectionFailureDto {
  @ApiProperty() eventId!: string;
  @ApiProperty({ description: 'Global position of the failing event (decimal string)' }) position!: string;
  @ApiProperty() error!: string;
}

export class ProjectionHealthDto {
  @ApiProperty() name!: string;
  @ApiProperty() version!: string;
  @ApiProperty({ enum: ['idle', 'catching-up', 'live', 'failed', 'stopped'] }) state!: string;
  @ApiProperty({ description: 'Checkpoint: global position of the last event applied (decimal string)' })
  position!: string;
  @ApiProperty({ description: 'Head position minus checkpoint (decimal string)' }) lag!: string;
  @ApiProperty({ type: ProjectionFailureDto, nullable: true }) failure!: ProjectionFailureDto | null;
}

export class StoreHealthDto {
  @ApiProperty({ enum: ['sqlite', 'eventstoredb'] }) kind!: string;
  @ApiProperty() reachable!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Position of the last event (decimal string)' })
  headPosition!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class LogReaderHealthDto {
  @ApiProperty({
    enum: ['idle', 'reading', 'retrying', 'failed', 'stopped'],
    description: 'retrying: the store ended the subscription; it subscribes again from the last event read',
  })
  state!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why it is not reading (retrying, failed)' }) error!:
    string | null;
  @ApiProperty({ description: 'Failed subscriptions in a row' }) attempts!: number;
}

export class WorkflowHealthDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['idle', 'running', 'failed', 'stopped'] }) state!: string;
  @ApiProperty({ description: 'Checkpoint: global position of the last event reacted to (decimal string)' })
  position!: string;
  @ApiProperty({ type: ProjectionFailureDto, nullable: true }) failure!: ProjectionFailureDto | null;
}

export class ReadModelDamageDto {
  @ApiProperty() detectedAt!: string;
  @ApiProperty({ description: 'What SQLite reported' }) error!: string;
  @ApiProperty({ description: 'Where the damaged file was moved' }) movedTo!: string;
}

export class ReadModelsHealthDto {
  @ApiProperty({ description: 'The read-model database file' }) file!: string;
  @ApiProperty({
    enum: ['serving', 'rebuilding', 'failed'],
    description: 'rebuilding: from the log, after damage or from an empty file; requests get 503 meanwhile',
  })
  state!: string;
  @ApiProperty({ type: ReadModelDamageDto, nullable: true, description: 'The last damage found while running' })
  lastDamage!: ReadModelDamageDto | null;
}

export class WebhookSubscriptionHealthDto {
  @ApiProperty() subscriptionId!: string;
  @ApiProperty({ enum: ['active', 'retrying', 'paused', 'failing'] }) state!: string;
  @ApiProperty({ description: 'Checkpoint: global position of the last event passed (decimal string)' })
  position!: string;
  @ApiProperty({ description: 'Head position minus checkpoint (decimal string)' }) lag!: string;
  @ApiProperty({ description: 'Seconds since the oldest event not yet passed was recorded; 0 when caught up' })
  lagSeconds!: number;
}

export class HealthDto {
  @ApiProperty({
    enum: ['ok', 'degraded', 'rebuilding', 'down'],
    description:
      'degraded: a projection failed, or the log is not being read; rebuilding: the read models (503); down: no store, or no read models (503)',
  })
  status!: 'ok' | 'degraded' | 'rebuilding' | 'down';
  @ApiProperty({ type: String, nullable: true, description: 'Why the status is not ok; null when ok' }) reason!:
    string | null;
  @ApiProperty({ type: StoreHealthDto }) store!: StoreHealthDto;
  @ApiProperty({ type: LogReaderHealthDto }) logReader!: LogReaderHealthDto;
  @ApiProperty({ type: [ProjectionHealthDto] }) projections!: ProjectionHealthDto[];
  @ApiProperty({ type: [WorkflowHealthDto] }) workflows!: WorkflowHealthDto[];
  @ApiProperty({ type: ReadModelsHealthDto }) readModels!: ReadModelsHealthDto;
  @ApiProperty({ type: [WebhookSubscriptionHealthDto] }) webhooks!: WebhookSubscriptionHealthDto[];
}
