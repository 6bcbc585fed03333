import { assertNever, isRefusal, refuse } from './decision';

describe('refusals', () => {
  it('carry their code, message and facts, marked as a refusal', () => {
    expect(refuse('CustomerProtected', 'The customer is protected', { ownerId: 'rep-li' })).toEqual({
      kind: 'refusal',
      code: 'CustomerProtected',
      message: 'The customer is protected',
      facts: { ownerId: 'rep-li' },
    });
  });

  it('carry no facts when none are given', () => {
    expect(refuse('ReasonRequired', 'A reason is required').facts).toEqual({});
  });

  it('are told apart from accepted events and from anything else', () => {
    expect(isRefusal(refuse('X', 'x'))).toBe(true);
    // A decision that accepted events is a list; an event is an object without the refusal mark.
    expect(isRefusal([{ type: 'LeadReceived', data: {} }])).toBe(false);
    expect(isRefusal({ type: 'LeadReceived', data: {} })).toBe(false);
    expect(isRefusal({ kind: 'lead', code: 'X' })).toBe(false);
    expect(isRefusal(null)).toBe(false);
    expect(isRefusal(undefined)).toBe(false);
    expect(isRefusal('refusal')).toBe(false);
  });
});

describe('assertNever', () => {
  it('throws, naming the case nobody handled', () => {
    expect(() => assertNever({ type: 'LeadTeleported' } as never)).toThrow(
      new Error('Unhandled case: {"type":"LeadTeleported"}'),
    );
  });
});
