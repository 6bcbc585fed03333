import { adminKeyWeakness } from './admin-key-strength';

describe('the strength of a chosen admin key', () => {
  it('takes a long key that mixes three kinds of character', () => {
    expect(adminKeyWeakness('walkthrough-admin-key-0123456789abcdef')).toBeNull();
    expect(adminKeyWeakness('llk_Qm9vZ2xlLXN0eWxlIGtleSB3aXRoIDMyIGJ5dGVz')).toBeNull();
  });

  it('refuses a short key', () => {
    expect(adminKeyWeakness('Short-key-1')).toBe('must be at least 32 characters');
  });

  it('refuses a long key of one or two kinds of character', () => {
    expect(adminKeyWeakness('abcdefghijklmnopqrstuvwxyzabcdefgh')).toBe(
      'must mix at least 3 of lower case, upper case, digits and symbols (has 1)',
    );
    expect(adminKeyWeakness('0123456789abcdef0123456789abcdef')).toBe(
      'must mix at least 3 of lower case, upper case, digits and symbols (has 2)',
    );
  });

  it('refuses a long key that repeats a few characters', () => {
    expect(adminKeyWeakness('aA1-aA1-aA1-aA1-aA1-aA1-aA1-aA1-')).toBe(
      'must use at least 16 different characters (has 4)',
    );
  });
});
