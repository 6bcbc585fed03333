import { type CommandContext, handleCommand } from '@leadledger/event-store';
import { tempDirectory } from '@leadledger/event-store/testing';
import { isRefusal } from '@leadledger/kernel';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { type RepCommand, repDecider, repStreamId } from '@leadledger/leads';
import { refuseUnregisteredRep } from './registered-rep';

describe('a rep another command names', () => {
  const dir = tempDirectory('leadledger-registered-rep');
  const store = new SqliteEventStore({ file: dir.file('events.sqlite') });
  const context: CommandContext = {
    actorId: 'manager-1',
    actorRole: 'manager',
    occurredAt: '2026-11-01T00:00:00.000Z',
    correlationId: 'c-1',
  };
  const rep = async (repId: string, command: RepCommand) => {
    const result = await handleCommand(store, repStreamId(repId), repDecider, command, context);
    if (isRefusal(result)) throw new Error(`${command.kind} ${repId} refused: ${result.code}`);
  };

  beforeAll(async () => {
    await rep('rep-a', { kind: 'RegisterRep', repId: 'rep-a', name: 'A', email: 'a@example.cn', team: 'east' });
    await rep('rep-gone', { kind: 'RegisterRep', repId: 'rep-gone', name: 'G', email: 'g@example.cn', team: 'east' });
    await rep('rep-gone', { kind: 'DepartRep', mode: 'release', successor: null, reason: 'resigned' });
  });
  afterAll(async () => {
    await store.close();
    dir.remove();
  });

  it('is refused with RepNotRegistered when nobody registered it', async () => {
    expect(await refuseUnregisteredRep(store, 'ghost-rep')).toEqual({
      kind: 'refusal',
      code: 'RepNotRegistered',
      message: 'no rep ghost-rep is registered',
      facts: { repId: 'ghost-rep' },
    });
  });

  it('is taken when registered, and still when departed (their sales and ledger go on)', async () => {
    expect(await refuseUnregisteredRep(store, 'rep-a')).toBeNull();
    expect(await refuseUnregisteredRep(store, 'rep-gone')).toBeNull();
  });
});
