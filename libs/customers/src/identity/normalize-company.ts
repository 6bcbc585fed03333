/**
 * Company-name rule (the identity key of kind 'company'), applied in this order:
 *
 * 1. NFKC: full-width letters, digits and brackets become half-width (ＡＢＣ（北京） -> ABC(北京)).
 * 2. Lower-case.
 * 3. Apostrophes are deleted (McDonald's = McDonalds); every other punctuation mark, bracket
 *    or symbol, ASCII or CJK (，。、（）()【】「」《》·&®™ ...), becomes a space.
 * 4. Whitespace is trimmed and collapsed to one space; a space next to a Han character is
 *    removed, because Chinese names carry no spaces (北京 某某 科技 = 北京某某科技).
 * 5. Legal-form suffixes are stripped from the end, repeatedly, until none is left:
 *    有限责任公司, 股份有限公司, 有限公司, 集团, 公司, and the whole words co, ltd, limited,
 *    inc, llc, gmbh, corp, corporation (their dots went in step 3).
 *    "Acme Co., Ltd." -> "acme"; "某某集团有限公司" -> "某某".
 * 6. If nothing is left ("有限公司", "Ltd."), the name has no distinctive part and is refused.
 *
 * A leading city or province (北京某某科技 vs 某某科技, 上海某某 vs 某某) is NOT stripped:
 * it is part of the registered name, companies in different cities with the same trade name
 * are different legal entities, and telling a place from a brand word (长城, 中国, 华夏) needs
 * a gazetteer. A false match hands a customer to the wrong rep; a missed match only leaves
 * two records for review, so the rule errs on the side of missing.
 * Known limit: initials written with dots ("A.B.C. Trading") become "a b c trading".
 */
import { type Normalized, failed, nfkc, normalized } from './normalization';

export type CompanyProblem = 'blank' | 'no-distinctive-name';

const HAN_SUFFIXES = ['有限责任公司', '股份有限公司', '有限公司', '集团', '公司'];
// A Latin suffix must be a whole word: at the start, after a space, or right after a Han character.
const LATIN_SUFFIX = /(?:^|(?<=[\s\p{Script=Han}]))(?:co|ltd|limited|inc|llc|gmbh|corp|corporation)$/u;

function stripOneSuffix(name: string): string {
  const han = HAN_SUFFIXES.find((suffix) => name.endsWith(suffix));
  if (han) return name.slice(0, -han.length).trimEnd();
  return name.replace(LATIN_SUFFIX, '').trimEnd();
}

/** The company-name identity value, per the rule above. */
export function normalizeCompany(input: string): Normalized<CompanyProblem> {
  let name = nfkc(input)
    .toLowerCase()
    .replace(/['’‘`]/gu, '')
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/ (?=\p{Script=Han})|(?<=\p{Script=Han}) /gu, '');
  if (name === '') return failed('blank', 'The company name is empty');
  for (let stripped = stripOneSuffix(name); stripped !== name; stripped = stripOneSuffix(name)) name = stripped;
  if (name === '') return failed('no-distinctive-name', `"${input}" is only a legal form, not a company name`);
  return normalized(name);
}
