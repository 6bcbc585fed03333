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
  @ApiProperty({ nullable: true, description: 'Position of the last event (decimal string)' })
  headPosition!: string | null;
  @ApiProperty({ nullable: true }) error!: string | null;
}

export class WorkflowHealthDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['idle', 'running', 'failed', 'stopped'] }) state!: string;
  @ApiProperty({ description: 'Checkpoint: global position of the last event reacted to (decimal string)' })
  position!: string;
  @ApiProperty({ type: ProjectionFailureDto, nullable: true }) failure!: ProjectionFailureDto | null;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded', 'down'], description: 'degraded: a projection failed; down: no store' })
  status!: 'ok' | 'degraded' | 'down';
  @ApiProperty({ type: StoreHealthDto }) store!: StoreHealthDto;
  @ApiProperty({ type: [ProjectionHealthDto] }) projections!: ProjectionHealthDto[];
  @ApiProperty({ type: [WorkflowHealthDto] }) workflows!: WorkflowHealthDto[];
}
