import { PUBLISHED_EVENT_SCHEMAS, asyncApiDocument } from '@leadledger/feed';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';

/** The feed's contract, public like the OpenAPI document: made once, it never changes while running. */
const document = asyncApiDocument(PUBLISHED_EVENT_SCHEMAS, '0.1.0');

@ApiTags('event feed')
@Controller()
export class AsyncApiController {
  @Public()
  @Get('asyncapi.json')
  @ApiOkResponse({ description: 'The AsyncAPI 3.0 document of the event feed (SSE and webhooks)' })
  asyncApi(): object {
    return document;
  }
}
