import { PUBLISHED_EVENT_SCHEMAS, asyncApiDocument } from '@leadledger/feed';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';

/** The AsyncAPI document's top level; its parts are AsyncAPI 3.0's own (https://www.asyncapi.com/docs/reference/specification/v3.0.0). */
const ASYNCAPI_DOCUMENT = {
  type: 'object',
  required: ['asyncapi', 'info', 'channels', 'operations', 'components'],
  properties: {
    asyncapi: { type: 'string', enum: ['3.0.0'] },
    info: {
      type: 'object',
      required: ['title', 'version'],
      properties: { title: { type: 'string' }, version: { type: 'string' }, description: { type: 'string' } },
    },
    defaultContentType: { type: 'string', example: 'application/json' },
    channels: { type: 'object', additionalProperties: true, description: 'The SSE channel and the webhook channel' },
    operations: { type: 'object', additionalProperties: true },
    components: {
      type: 'object',
      properties: {
        schemas: {
          type: 'object',
          additionalProperties: true,
          description: 'One JSON Schema per published event type',
        },
        messages: { type: 'object', additionalProperties: true },
      },
    },
  },
};

/** The feed's contract, public like the OpenAPI document: made once, it never changes while running. */
const document = asyncApiDocument(PUBLISHED_EVENT_SCHEMAS, '0.1.0');

@ApiTags('event feed')
@Controller()
export class AsyncApiController {
  @Public()
  @Get('asyncapi.json')
  @ApiOkResponse({
    description: 'The AsyncAPI 3.0 document of the event feed (SSE and webhooks)',
    schema: ASYNCAPI_DOCUMENT,
  })
  asyncApi(): object {
    return document;
  }
}
