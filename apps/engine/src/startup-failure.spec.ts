import { IncompatibleEventStoreError } from '@leadledger/event-store';
import { loadConfig } from '@leadledger/platform';
import { startupFailureLine } from './startup-failure';

const failure = (code: string) => Object.assign(new Error(`${code}: something`), { code });

describe('the line an operator reads when the engine cannot start', () => {
  const config = loadConfig({ LEADLEDGER_DATA_DIR: '/srv/leadledger', PORT: '3100', LEADLEDGER_HOST: '127.0.0.1' });

  it('names the port in use and what to do', () => {
    expect(startupFailureLine(failure('EADDRINUSE'), config)).toBe(
      'leadledger cannot listen on 127.0.0.1:3100: the port is in use by another process. Stop it, or set PORT to a free port.',
    );
  });

  it.each(['EACCES', 'EROFS', 'ENOTDIR', 'SQLITE_CANTOPEN', 'SQLITE_READONLY'])(
    'names the data directory it cannot write (%s)',
    (code) => {
      expect(startupFailureLine(failure(code), config)).toBe(
        `leadledger cannot write its data directory /srv/leadledger (${code}). Make it writable for this user, or set LEADLEDGER_DATA_DIR to a directory that is.`,
      );
    },
  );

  it('names an event store server older than the engine needs, and what to do', () => {
    const tooOld = new IncompatibleEventStoreError('The event store server is version 22.2.0: the engine needs 22.6');
    expect(startupFailureLine(tooOld, config)).toBe(
      'leadledger cannot use the event store at EVENTSTORE_CONNECTION_STRING: The event store server is version 22.2.0: the engine needs 22.6. Upgrade the server, or point the engine at one that is.',
    );
  });

  it('leaves anything else to the stack trace', () => {
    expect(startupFailureLine(new TypeError('x is undefined'), config)).toBeNull();
  });
});
