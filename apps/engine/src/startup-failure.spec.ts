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

  it('leaves anything else to the stack trace', () => {
    expect(startupFailureLine(new TypeError('x is undefined'), config)).toBeNull();
  });
});
