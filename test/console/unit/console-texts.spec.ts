import { LINE_KINDS } from '@leadledger/commissions';
import { FOLLOW_UP_KINDS, type OwnershipVia, type ReleaseReason } from '@leadledger/customers';
import { LEAD_CHANNELS, LEAD_STATUSES } from '@leadledger/leads';
import { SKIP_REASONS } from '@leadledger/routing';
import { en } from '../../../apps/console/src/i18n/en';
import { type CodeGroup, codeLabel, translator } from '../../../apps/console/src/i18n/translate';
import { zhCN } from '../../../apps/console/src/i18n/zh-CN';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** The two languages say the same things: every text in both, with the same blanks to fill. */
describe('the console’s texts', () => {
  it('have a Chinese text for every English one, and no other', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('leave no text empty', () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(zhCN)])
      expect({ key, text }).not.toEqual({ key, text: '' });
  });

  it('fill the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect({ key, placeholders: placeholders(zhCN[key]) }).toEqual({ key, placeholders: placeholders(en[key]) });
    }
  });
});

/** Every code the domain defines for a field the console shows, so none is missed (the types list the rest). */
const VIA: Record<OwnershipVia, true> = {
  'existing-customer': true,
  'received-walk-in': true,
  'rep-sourced': true,
  'pool-rotation': true,
  claim: true,
  transfer: true,
  'departure-hand-off': true,
  'manager-routing': true,
};
const RELEASE_REASONS: Record<ReleaseReason, true> = {
  'protection-expired': true,
  'owner-released': true,
  departure: true,
};
const CODES: Record<CodeGroup, readonly string[]> = {
  via: Object.keys(VIA),
  leadStatus: LEAD_STATUSES,
  channel: LEAD_CHANNELS,
  followUpKind: FOLLOW_UP_KINDS,
  lineKind: LINE_KINDS,
  releaseReason: Object.keys(RELEASE_REASONS),
  skipReason: SKIP_REASONS,
};

describe('the engine’s codes in the console', () => {
  it('have words in both languages for every code the domain defines, in Chinese not the code itself', () => {
    const zh = translator('zh-CN');
    const english = translator('en');
    for (const [group, codes] of Object.entries(CODES) as [CodeGroup, readonly string[]][]) {
      for (const code of codes) {
        expect({ group, code, known: Object.hasOwn(en, `${group}.${code}`) }).toEqual({ group, code, known: true });
        expect({ group, code, zh: codeLabel(zh, group, code) }).not.toEqual({ group, code, zh: code });
        expect(codeLabel(english, group, code)).toBeTruthy();
      }
    }
  });

  it('say the words of the reader’s language, and show a code they do not know as it is', () => {
    expect(codeLabel(translator('zh-CN'), 'via', 'transfer')).toBe('移交');
    expect(codeLabel(translator('en'), 'channel', 'web-form')).toBe('web form');
    expect(codeLabel(translator('zh-CN'), 'leadStatus', 'assigned')).toBe('已分配');
    expect(codeLabel(translator('zh-CN'), 'via', 'merger-of-accounts')).toBe('merger-of-accounts');
    expect(codeLabel(translator('zh-CN'), 'lineKind', null)).toBeNull();
  });
});
