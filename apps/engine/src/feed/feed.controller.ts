import { EventStore, LiveFanOut } from '@leadledger/event-store';
import { readFeedPage } from '@leadledger/feed';
import { refuse } from '@leadledger/kernel';
import type { EngineConfig } from '@leadledger/platform';
import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { RefusalException } from '../http/refusal.exception';
import { badRequest } from '../http/validation';
import { ServedWhileRebuilding } from '../platform/read-model-gate.interceptor';
import { ENGINE_CONFIG } from '../platform/tokens';
import { EventStreams } from './event-streams';
import { EventStreamQueryDto, FeedPageDto, FeedPageQueryDto } from './feed.dto';

/**
 * A cursor past the head cannot come from this log: it was restored from a backup (the positions
 * after the backup are being used again by new events) or it is another log. Answered 200 with
 * nothing, a consumer would wait, then skip every new event up to its cursor without a word.
 */
function refuseCursorPastHead(after: bigint, head: bigint): void {
  if (after <= head) return;
  const message = `The log ends at position ${head}, before this cursor: it was restored from a backup or is another log; read it again from a position at or before ${head}`;
  throw new RefusalException(refuse('CursorPastHead', message, { after: after.toString(), head: head.toString() }));
}

const CURSOR_PAST_HEAD = {
  description:
    'CursorPastHead (`current: { after, head }`): the cursor is past the log head; read on from at or before `head`',
};

@ApiTags('event feed')
@ApiBearerAuth()
// The feed reads the log alone, never a read model: it goes on while they are rebuilt.
@ServedWhileRebuilding()
@Controller('events')
export class FeedController {
  constructor(
    private readonly store: EventStore,
    private readonly live: LiveFanOut,
    private readonly streams: EventStreams,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  /** A page of the log as CloudEvents, in commit order; page on with `next`. */
  @Get()
  @Roles('admin', 'service')
  @ApiOkResponse({ type: FeedPageDto })
  @ApiConflictResponse(CURSOR_PAST_HEAD)
  async page(@Query() query: FeedPageQueryDto): Promise<FeedPageDto> {
    const head = await this.store.headPosition();
    const after = BigInt(query.after ?? '0');
    refuseCursorPastHead(after, head);
    const page = await readFeedPage(
      this.store,
      this.config.eventSource,
      after,
      { types: query.types, streams: query.streams },
      query.limit ?? 100,
    );
    return { events: [...page.events], next: page.next.toString(), head: head.toString() };
  }

  /** Server-Sent Events: the log from a position, then live; `id:` is the position, for Last-Event-ID. */
  @Get('stream')
  @Roles('admin', 'service')
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume after this position (sent by EventSource on reconnect)',
  })
  @ApiOkResponse({
    description:
      'Server-Sent Events: `retry: 3000`, then per event `id: <position>` and `data: <the CloudEvent JSON>`; see docs/integration.md',
    content: {
      'text/event-stream': {
        schema: {
          type: 'string',
          description: 'An SSE stream; each message data is a CloudEvent (components.schemas.CloudEventDto)',
        },
      },
    },
  })
  @ApiConflictResponse(CURSOR_PAST_HEAD)
  async stream(
    @Query() query: EventStreamQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const resumeAt = lastEventId ?? query.after ?? '0';
    if (!/^\d{1,19}$/.test(resumeAt)) {
      throw badRequest([{ field: 'Last-Event-ID', problem: 'must be a global position: a whole number' }]);
    }
    refuseCursorPastHead(BigInt(resumeAt), await this.store.headPosition());
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // nginx buffers responses unless told not to; a stream must not wait in a proxy.
      'X-Accel-Buffering': 'no',
    });
    this.streams.open(response, {
      source: this.config.eventSource,
      filter: { types: query.types, streams: query.streams },
      after: BigInt(resumeAt),
      heartbeatMs: this.config.sseHeartbeatMs,
      maxBufferBytes: this.config.sseMaxBufferBytes,
    });
  }
}
