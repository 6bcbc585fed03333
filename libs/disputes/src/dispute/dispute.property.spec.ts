import { isRefusal } from '@leadledger/kernel';
import fc from 'fast-check';
import type { DisputeCommand } from './dispute.commands';
import { disputeDecider } from './dispute.decider';
import type { DisputeEvent } from './dispute.events';
import { comment, commented, openDispute, opened, rejected, uphold, upheld } from './dispute.fixtures';

const text = fc.constantFrom('', ' ', 'ok', '客户说他是自己找来的', 'another reason');
const rep = fc.constantFrom('rep-a', 'rep-b', 'rep-c');

/** Any command a caller could send to dispute d-1, right or wrong. */
const anyCommand: fc.Arbitrary<DisputeCommand> = fc.oneof(
  fc.record({ claim: text, claimantRepId: rep }).map((more) => ({ ...openDispute, ...more })),
  fc
    .record({ commentId: fc.constantFrom('c-1', 'c-2', 'c-3'), text, authorRepId: fc.option(rep) })
    .map((more) => comment(more)),
  fc
    .record({ outcome: fc.constantFrom('upheld' as const, 'rejected' as const), reason: text })
    .map((more) => uphold(more)),
  fc.constant(uphold({ outcome: 'rejected', reason: rejected.data.reason, remedy: rejected.data.remedy })),
);

describe('a resolved dispute', () => {
  it('never changes again, whatever is sent to it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<DisputeEvent[]>([opened, upheld], [opened, commented, rejected]),
        fc.array(anyCommand, { maxLength: 12 }),
        (history, commands) => {
          const resolved = history.reduce(disputeDecider.evolve, disputeDecider.initialState);
          let state = resolved;
          for (const command of commands) {
            const decision = disputeDecider.decide(command, state);
            if (!isRefusal(decision)) {
              expect(decision).toEqual([]);
              state = decision.reduce(disputeDecider.evolve, state);
            }
          }
          expect(state).toEqual(resolved);
        },
      ),
    );
  });

  it('is resolved at most once, however commands interleave on an open dispute', () => {
    fc.assert(
      fc.property(fc.array(anyCommand, { maxLength: 15 }), (commands) => {
        let state = disputeDecider.evolve(disputeDecider.initialState, opened);
        const written: DisputeEvent[] = [];
        for (const command of commands) {
          const decision = disputeDecider.decide(command, state);
          if (isRefusal(decision)) continue;
          written.push(...decision);
          state = decision.reduce(disputeDecider.evolve, state);
        }
        const resolutions = written.filter((e) => e.type === 'DisputeResolved');
        expect(resolutions.length).toBeLessThanOrEqual(1);
        const afterResolution = written.slice(written.findIndex((e) => e.type === 'DisputeResolved') + 1);
        if (resolutions.length === 1) expect(afterResolution).toEqual([]);
      }),
    );
  });
});
