import { ROLES, isRole } from './roles';

describe('the roles a key can carry', () => {
  it('are the five a route can admit', () => {
    expect(ROLES).toEqual(['admin', 'manager', 'finance', 'rep', 'service']);
  });

  it.each(['admin', 'manager', 'finance', 'rep', 'service'])('takes %s', (role) => {
    expect(isRole(role)).toBe(true);
  });

  it.each([['Admin'], [''], ['auditor'], [null], [undefined], [1], [['admin']]])('refuses %p', (value) => {
    expect(isRole(value)).toBe(false);
  });
});
