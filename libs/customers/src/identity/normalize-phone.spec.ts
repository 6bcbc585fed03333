import { normalizePhone } from './normalize-phone';

describe('normalizePhone', () => {
  it.each([
    ['13800138000', '+8613800138000'],
    ['138 0013 8000', '+8613800138000'],
    ['138-0013-8000', '+8613800138000'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['+86-138-0013-8000', '+8613800138000'],
    ['0086 138 0013 8000', '+8613800138000'],
    ['008613800138000', '+8613800138000'],
    ['１３８００１３８０００', '+8613800138000'],
    ['＋８６ １３８ ００１３ ８０００', '+8613800138000'],
    ['  (+86) 139-1234-5678 ', '+8613912345678'],
    ['010-6552 9988', '+861065529988'],
    ['+1 (415) 555-2671', '+14155552671'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('reads %s as %s in China', (input, expected) => {
    expect(normalizePhone(input, 'CN')).toEqual({ ok: true, value: expected });
  });

  it('reads a national number by the configured default country', () => {
    expect(normalizePhone('(415) 555-2671', 'US')).toEqual({ ok: true, value: '+14155552671' });
  });

  it.each([
    ['', 'blank'],
    ['   ', 'blank'],
    ['not a number', 'not-a-phone-number'],
    ['12345', 'invalid-phone-number'],
    ['138 0013 800', 'invalid-phone-number'],
  ])('refuses %j as %s', (input, problem) => {
    expect(normalizePhone(input, 'CN')).toMatchObject({ ok: false, problem });
  });
});

describe('normalizePhone: the 00 international prefix', () => {
  it('reads 00 as the international prefix even where the default country dials out otherwise (011 in the US)', () => {
    expect(normalizePhone('0086 138 0013 8000', 'US')).toEqual({ ok: true, value: '+8613800138000' });
  });
});

describe('normalizePhone: what the caller is told', () => {
  it.each([
    ['', 'The phone number is empty'],
    ['not a number', '"not a number" is not a phone number'],
    ['138 0013 800', '"138 0013 800" is not a valid phone number'],
  ])('refuses %j, saying %j', (input, message) => {
    expect(normalizePhone(input, 'CN')).toMatchObject({ ok: false, message });
  });
});
