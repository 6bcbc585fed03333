import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import request from 'supertest';
import { answerWhileRebuilding } from '../platform/read-models-unavailable';
import { createRootLogger } from './root-logger';
import { logRequests } from './request-logging';

interface RequestLine {
  readonly level: number;
  readonly msg: string;
  readonly err?: unknown;
  readonly res: { statusCode: number };
}
const WARN = 40;
const ERROR = 50;

/** A server whose one route answers as `answer` says, with the engine's request log in front. */
function serverAnswering(answer: (response: ServerResponse) => void) {
  const lines: RequestLine[] = [];
  const log = logRequests(createRootLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) }));
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    log(incoming, response);
    answer(response);
    response.end();
  });
  return { server, lines };
}

describe('the request log', () => {
  it('writes a 503 answered while the read models are rebuilt as a warning, without a stack', async () => {
    const { server, lines } = serverAnswering((response) => {
      answerWhileRebuilding(response);
      response.statusCode = 503;
    });
    const answer = await request(server).get('/health').expect(503);
    expect(answer.headers['retry-after']).toBe('5');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: WARN, msg: 'request completed', res: { statusCode: 503 } });
    expect(lines[0].err).toBeUndefined();
  });

  it('writes any other 5xx as an error, without a stack that would only show the logger', async () => {
    const { server, lines } = serverAnswering((response) => {
      response.statusCode = 500;
    });
    await request(server).get('/leads').expect(500);
    const storeDown = serverAnswering((response) => {
      response.setHeader('Retry-After', '2');
      response.statusCode = 503;
    });
    await request(storeDown.server).get('/leads').expect(503);
    for (const line of [...lines, ...storeDown.lines]) {
      expect(line).toMatchObject({ level: ERROR, msg: 'request errored' });
      expect(line.err).toBeUndefined();
    }
  });
});
