import { normalizeCompany } from './normalize-company';

describe('normalizeCompany', () => {
  it.each([
    ['Acme Co., Ltd.', 'acme'],
    ['ACME CO.,LTD', 'acme'],
    ['Acme Limited', 'acme'],
    ['Acme Inc.', 'acme'],
    ['Acme Corporation', 'acme'],
    ['Acme Holdings LLC', 'acme holdings'],
    ['Müller GmbH', 'müller'],
    ["McDonald's Corp.", 'mcdonalds'],
    ['  Acme   Trading  Co. ', 'acme trading'],
    ['深圳市腾讯计算机系统有限公司', '深圳市腾讯计算机系统'],
    ['华为技术有限公司', '华为技术'],
    ['中国平安保险（集团）股份有限公司', '中国平安保险'],
    ['某某科技集团有限公司', '某某科技'],
    ['北京某某科技有限责任公司', '北京某某科技'],
    ['某某（北京）科技有限公司', '某某北京科技'],
    ['【某某】科技 有限公司。', '某某科技'],
    ['ＡＢＣ贸易有限公司', 'abc贸易'],
    ['某某贸易 Co., Ltd.', '某某贸易'],
    ['Colt Technology', 'colt technology'],
    ['Incubator Labs', 'incubator labs'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalizeCompany(input)).toEqual({ ok: true, value: expected });
  });

  it('makes the full-width and half-width spellings of one name one key', () => {
    expect(normalizeCompany('某某（上海）有限公司')).toEqual(normalizeCompany('某某(上海)有限公司'));
  });

  it('keeps a leading city, so the same trade name in two cities stays two companies', () => {
    expect(normalizeCompany('上海某某科技有限公司')).not.toEqual(normalizeCompany('北京某某科技有限公司'));
  });

  it.each([
    ['', 'blank'],
    ['（）。', 'blank'],
    ['有限公司', 'no-distinctive-name'],
    ['Co., Ltd.', 'no-distinctive-name'],
  ])('refuses %j as %s', (input, problem) => {
    expect(normalizeCompany(input)).toMatchObject({ ok: false, problem });
  });
});
