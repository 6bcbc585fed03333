import { normalizeRegistrationNumber } from './normalize-registration-number';

describe('normalizeRegistrationNumber', () => {
  it.each([
    ['91350100M000100Y43', '91350100M000100Y43'],
    [' 91350100m000100y43 ', '91350100M000100Y43'],
    ['９１３５０１００Ｍ０００１００Ｙ４３', '91350100M000100Y43'],
    ['9135 0100 M000 100Y 43', '91350100M000100Y43'],
    ['91350100-M000100Y43', '91350100M000100Y43'],
  ])('normalises %s', (input, expected) => {
    expect(normalizeRegistrationNumber(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'blank'],
    ['91350100M000100Y4', 'invalid-registration-number'],
    ['91350100M000100Y432', 'invalid-registration-number'],
    ['91350100I000100Y43', 'invalid-registration-number'],
    ['91350100O000100Y43', 'invalid-registration-number'],
    ['9135010０测试00100Y43', 'invalid-registration-number'],
  ])('refuses %j as %s', (input, problem) => {
    expect(normalizeRegistrationNumber(input)).toMatchObject({ ok: false, problem });
  });
});
