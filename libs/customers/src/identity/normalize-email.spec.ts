import { normalizeEmail } from './normalize-email';

describe('normalizeEmail', () => {
  it.each([
    ['  Zhang.Wei@Example.COM ', 'zhang.wei@example.com'],
    ['ｌｉ．ｎａ＠ｑｑ．ｃｏｍ', 'li.na@qq.com'],
    ['sales+cn@Acme.co.uk', 'sales+cn@acme.co.uk'],
    ['wang_fang@163.com', 'wang_fang@163.com'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalizeEmail(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'blank'],
    ['zhang.wei', 'invalid-email'],
    ['zhang wei@example.com', 'invalid-email'],
    ['a@@example.com', 'invalid-email'],
    ['a@localhost', 'invalid-email'],
    ['@example.com', 'invalid-email'],
    ['a@example..com', 'invalid-email'],
    [`${'a'.repeat(250)}@x.cn`, 'invalid-email'],
  ])('refuses %j as %s', (input, problem) => {
    expect(normalizeEmail(input)).toMatchObject({ ok: false, problem });
  });
});
