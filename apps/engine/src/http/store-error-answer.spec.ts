import { EventStoreUnavailableError, LogReaderDownError } from '@leadledger/event-store';
import type { Response } from 'express';
import { answerStoreError } from './store-error-answer';

/** What an express Response was told: status, headers and body. */
function recordingResponse() {
  const seen = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const response = {
    setHeader: (name: string, value: string) => void (seen.headers[name] = value),
    status: (code: number) => ((seen.status = code), response),
    json: (body: unknown) => ((seen.body = body), response),
  };
  return { seen, response: response as unknown as Response };
}

describe('store errors at the HTTP edge', () => {
  it('a wait on read models whose log is not being read: 503, retry after the reader’s own delay', () => {
    const { seen, response } = recordingResponse();
    const handled = answerStoreError(new LogReaderDownError(new EventStoreUnavailableError('down')), response);
    expect(handled).toBe(true);
    expect(seen).toMatchObject({ status: 503, headers: { 'Retry-After': '5' }, body: { code: 'LogNotRead' } });
  });

  it('leaves every other error to the problem filter', () => {
    const { seen, response } = recordingResponse();
    expect(answerStoreError(new TypeError('a bug'), response)).toBe(false);
    expect(seen.status).toBe(0);
  });
});
