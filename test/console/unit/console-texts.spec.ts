import { en } from '../../../apps/console/src/i18n/en';
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
