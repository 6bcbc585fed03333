import { type LoadCandidate, pickLeastAssigned } from './least-assigned';

/** An eligible member in join order: leads handed to it today, and the pool's sequence number of its last lead. */
const member = (repId: string, assignedToday: number, lastAssignment: number | null): LoadCandidate => ({
  repId,
  assignedToday,
  lastAssignment,
});

describe('least-assigned', () => {
  it('gives the lead to the member with the fewest leads today, whoever joined first', () => {
    expect(pickLeastAssigned([member('rep-wang', 2, 5), member('rep-li', 1, 6)])).toBe('rep-li');
  });

  describe('when members have as many leads today', () => {
    it('gives it to the one who has waited longest since their last lead', () => {
      // Both have one lead today; Li's last was the pool's 3rd, Wang's the 5th: Li has waited longer.
      expect(pickLeastAssigned([member('rep-wang', 1, 5), member('rep-li', 1, 3)])).toBe('rep-li');
    });

    it('puts a member who never had a lead before one whose last lead was the pool’s very first', () => {
      expect(pickLeastAssigned([member('rep-wang', 0, 1), member('rep-li', 0, null)])).toBe('rep-li');
    });

    it('goes by join order when they have also waited as long', () => {
      expect(pickLeastAssigned([member('rep-wang', 0, null), member('rep-li', 0, null)])).toBe('rep-wang');
      expect(pickLeastAssigned([member('rep-li', 0, null), member('rep-wang', 0, null)])).toBe('rep-li');
    });
  });

  it('picks nobody when nobody is eligible', () => {
    expect(pickLeastAssigned([])).toBeNull();
  });
});
