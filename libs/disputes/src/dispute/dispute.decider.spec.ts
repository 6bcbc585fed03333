import { given } from '@leadledger/kernel/testing';
import { disputeDecider } from './dispute.decider';
import type { DisputeEvent } from './dispute.events';
import { comment, commented, openDispute, opened, rejected, remedy, uphold, upheld } from './dispute.fixtures';

const noRemedy = { transfer: null, adjustments: [] };

describe('dispute decider', () => {
  describe('when no dispute exists', () => {
    it('opens one, with the claim trimmed, naming the rep disputed', () => {
      given(disputeDecider)
        .when({ ...openDispute, claim: `  ${openDispute.claim} ` })
        .thenEvents([opened]);
    });

    it('lets a manager open one for a rep', () => {
      const byManager = { ...openDispute, openedBy: 'key:m', openedByRole: 'manager', subjectParties: [] };
      given(disputeDecider)
        .when(byManager)
        .thenEvents([{ ...opened, data: { ...opened.data, openedBy: 'key:m' } } as DisputeEvent]);
    });

    it('refuses a rep disputing what they had no part in', () => {
      given(disputeDecider)
        .when({ ...openDispute, subjectParties: ['rep-b'] })
        .thenRefuses({
          code: 'NotYourSubject',
          facts: { subject: openDispute.subject, claimantRepId: 'rep-a' },
        });
    });

    it('refuses a subject that does not exist, and a blank claim', () => {
      given(disputeDecider)
        .when({ ...openDispute, subjectParties: null })
        .thenRefuses({ code: 'SubjectUnknown', facts: { subject: openDispute.subject } });
      given(disputeDecider)
        .when({ ...openDispute, claim: '  ' })
        .thenRefuses({ code: 'ClaimRequired' });
    });

    it('refuses comments and resolutions', () => {
      given(disputeDecider)
        .when(comment())
        .thenRefuses({ code: 'DisputeUnknown', facts: { disputeId: 'd-1' } });
      given(disputeDecider).when(uphold()).thenRefuses({ code: 'DisputeUnknown' });
    });
  });

  describe('when the dispute is open', () => {
    it('changes nothing when the same dispute is opened again, and refuses other data under its id, naming the fields', () => {
      given(disputeDecider, [opened]).when(openDispute).thenEvents([]);
      given(disputeDecider, [opened])
        .when({ ...openDispute, claim: 'something else' })
        .thenRefuses({ code: 'IdempotencyKeyReused', facts: { disputeId: 'd-1', fields: ['claim'] } });
      given(disputeDecider, [opened])
        .when({ ...openDispute, claimantRepId: 'rep-c', evidence: [] })
        .thenRefuses({ code: 'IdempotencyKeyReused', facts: { disputeId: 'd-1', fields: ['repId', 'evidence'] } });
    });

    it('records a comment by the rep disputed, once per comment id', () => {
      given(disputeDecider, [opened]).when(comment()).thenEvents([commented]);
      given(disputeDecider, [opened, commented]).when(comment()).thenEvents([]);
      given(disputeDecider, [opened, commented])
        .when(comment({ text: ' 客户说他是自己找来的 ' }))
        .thenEvents([]);
    });

    it('refuses other words under a comment id already recorded (its Idempotency-Key used again)', () => {
      given(disputeDecider, [opened, commented])
        .when(comment({ text: '我先打的电话' }))
        .thenRefuses({ code: 'IdempotencyKeyReused', facts: { fields: ['text'] } });
    });

    it('records a manager’s comment, and refuses a rep who is no party', () => {
      given(disputeDecider, [opened])
        .when(comment({ authorId: 'key:m', authorRole: 'manager', authorRepId: null }))
        .thenEvents([
          { ...commented, data: { ...commented.data, authorId: 'key:m', authorRole: 'manager' } } as DisputeEvent,
        ]);
      given(disputeDecider, [opened])
        .when(comment({ authorRepId: 'rep-c' }))
        .thenRefuses({ code: 'NotAParty', facts: { claimantRepId: 'rep-a', respondentRepId: 'rep-b' } });
      given(disputeDecider, [opened])
        .when(comment({ text: ' ' }))
        .thenRefuses({ code: 'TextRequired' });
    });

    it('upholds it with its remedy', () => {
      given(disputeDecider, [opened, commented]).when(uphold()).thenEvents([upheld]);
    });

    it('rejects it without a remedy', () => {
      given(disputeDecider, [opened])
        .when(uphold({ outcome: 'rejected', reason: rejected.data.reason, remedy: noRemedy }))
        .thenEvents([rejected]);
    });

    it('refuses a resolution without a reason, a rejection with a remedy, and an adjustment id twice', () => {
      given(disputeDecider, [opened])
        .when(uphold({ reason: ' ' }))
        .thenRefuses({ code: 'ReasonRequired' });
      given(disputeDecider, [opened])
        .when(uphold({ outcome: 'rejected' }))
        .thenRefuses({ code: 'RemedyOnRejection' });
      const twice = { transfer: null, adjustments: [remedy.adjustments[0], remedy.adjustments[0]] };
      given(disputeDecider, [opened])
        .when(uphold({ remedy: twice }))
        .thenRefuses({ code: 'AdjustmentRepeated' });
    });
  });

  describe('when the dispute is resolved', () => {
    const facts = {
      disputeId: 'd-1',
      status: 'upheld',
      outcome: 'upheld',
      reason: 'rep-a 的跟进记录在到店之前',
      resolvedBy: 'key:manager-1',
      resolvedAt: '2026-11-16T02:00:00.000Z',
    };

    it('changes nothing when the same resolution is sent again (a retried request)', () => {
      given(disputeDecider, [opened, upheld])
        .when(uphold({ at: '2026-11-17T00:00:00.000Z' }))
        .thenEvents([]);
    });

    it('refuses another resolution, with how it was settled', () => {
      given(disputeDecider, [opened, upheld])
        .when(uphold({ outcome: 'rejected', remedy: noRemedy }))
        .thenRefuses({ code: 'DisputeAlreadyResolved', facts });
      given(disputeDecider, [opened, rejected])
        .when(uphold())
        .thenRefuses({
          code: 'DisputeAlreadyResolved',
          facts: { ...facts, status: 'rejected', outcome: 'rejected', reason: rejected.data.reason },
        });
    });

    it('refuses a comment, but a comment already recorded sent again changes nothing', () => {
      given(disputeDecider, [opened, upheld])
        .when(comment({ commentId: 'c-2' }))
        .thenRefuses({ code: 'DisputeClosedToComments', facts });
      given(disputeDecider, [opened, commented, upheld]).when(comment()).thenEvents([]);
    });
  });
});

describe('dispute decider: the same request sent again', () => {
  describe('when the dispute is open', () => {
    it('refuses the same id opened by another claimant', () => {
      given(disputeDecider, [opened])
        .when({ ...openDispute, claimantRepId: 'rep-c', subjectParties: ['rep-c'] })
        .thenRefuses({ code: 'IdempotencyKeyReused', facts: { disputeId: 'd-1', fields: ['repId'] } });
    });

    it('refuses the same id opened over another subject', () => {
      given(disputeDecider, [opened])
        .when({ ...openDispute, subject: { kind: 'customer-ownership', id: 'cust-2' } })
        .thenRefuses({ code: 'IdempotencyKeyReused', facts: { disputeId: 'd-1', fields: ['subject'] } });
    });

    it('changes nothing when the retry writes the same subject and evidence with their members in another order', () => {
      const reordered = (value: object) => Object.fromEntries(Object.entries(value).reverse());
      given(disputeDecider, [opened])
        .when({
          ...openDispute,
          subject: reordered(openDispute.subject) as typeof openDispute.subject,
          evidence: openDispute.evidence.map((ref) => reordered(ref) as typeof ref),
        })
        .thenEvents([]);
    });

    it('refuses the same id opened with other evidence', () => {
      given(disputeDecider, [opened])
        .when({ ...openDispute, evidence: [{ kind: 'lead', id: 'lead-1' }] })
        .thenRefuses({ code: 'IdempotencyKeyReused', facts: { disputeId: 'd-1', fields: ['evidence'] } });
    });
  });

  describe('when the dispute is rejected', () => {
    it('refuses upholding it with the same reason and no remedy', () => {
      given(disputeDecider, [opened, rejected])
        .when(uphold({ reason: rejected.data.reason, remedy: noRemedy }))
        .thenRefuses({
          code: 'DisputeAlreadyResolved',
          facts: expect.objectContaining({ status: 'rejected', outcome: 'rejected' }),
        });
    });
  });

  describe('when the dispute is upheld', () => {
    const facts = { disputeId: 'd-1', status: 'upheld', outcome: 'upheld' };

    it('refuses the same outcome with another reason', () => {
      given(disputeDecider, [opened, upheld])
        .when(uphold({ reason: 'rep-a called first' }))
        .thenRefuses({ code: 'DisputeAlreadyResolved', facts: expect.objectContaining(facts) });
    });

    it('refuses the same outcome and reason with another remedy', () => {
      given(disputeDecider, [opened, upheld])
        .when(uphold({ remedy: { ...remedy, transfer: null } }))
        .thenRefuses({ code: 'DisputeAlreadyResolved', facts: expect.objectContaining(facts) });
    });
  });
});

describe('dispute decider: comments and remedies', () => {
  it('records a comment by the claimant', () => {
    given(disputeDecider, [opened])
      .when(comment({ commentId: 'c-2', authorId: 'rep-a', authorRepId: 'rep-a', text: '我有通话记录' }))
      .thenEvents([
        {
          type: 'DisputeCommented',
          data: { ...commented.data, commentId: 'c-2', authorId: 'rep-a', text: '我有通话记录' },
        },
      ]);
  });

  it('refuses a rejection that would still transfer the customer', () => {
    given(disputeDecider, [opened])
      .when(uphold({ outcome: 'rejected', remedy: { transfer: remedy.transfer, adjustments: [] } }))
      .thenRefuses({ code: 'RemedyOnRejection' });
  });

  it('refuses a rejection that would still adjust commission', () => {
    given(disputeDecider, [opened])
      .when(uphold({ outcome: 'rejected', remedy: { transfer: null, adjustments: remedy.adjustments } }))
      .thenRefuses({ code: 'RemedyOnRejection' });
  });

  it('upholds with two adjustments under two ids', () => {
    // rep-a gets 600.00 in CNY and rep-b gives back 600.00: two adjustments, two ids.
    const two = {
      transfer: null,
      adjustments: [
        remedy.adjustments[0],
        { adjustmentId: 'adj-2', repId: 'rep-b', amount: -60_000, currency: 'CNY', period: null },
      ],
    };
    given(disputeDecider, [opened])
      .when(uphold({ remedy: two }))
      .thenEvents([{ ...upheld, data: { ...upheld.data, remedy: two } }]);
  });

  it.each([
    ['customer-ownership', 'No such customer ownership subject'],
    ['ledger-line', 'No such ledger line subject'],
  ])('says which kind of subject (%s) it could not find', (kind, message) => {
    const subject = { kind, id: 'x' } as typeof openDispute.subject;
    expect(
      disputeDecider.decide({ ...openDispute, subject, subjectParties: null }, disputeDecider.initialState),
    ).toMatchObject({
      code: 'SubjectUnknown',
      message,
    });
  });
});
