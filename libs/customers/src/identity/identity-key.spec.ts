import { identityKeyStreamId, identityKeysOf } from './identity-key';

describe('identityKeysOf', () => {
  it('gives the normalised keys of every usable field, the name identifying nobody', () => {
    const contact = {
      name: '张伟',
      phone: '+86 138-0013-8000',
      email: ' Zhang.Wei@Example.com',
      company: '某某科技有限公司',
      registrationNumber: '91350100m000100y43',
    };
    expect(identityKeysOf(contact, 'CN')).toEqual({
      keys: [
        { kind: 'phone', value: '+8613800138000' },
        { kind: 'email', value: 'zhang.wei@example.com' },
        { kind: 'registration', value: '91350100M000100Y43' },
        { kind: 'company', value: '某某科技' },
      ],
      problems: [],
    });
  });

  it('skips fields that are absent, null or blank', () => {
    expect(identityKeysOf({ name: 'Li Na', phone: null, email: '  ', company: undefined }, 'CN')).toEqual({
      keys: [],
      problems: [],
    });
  });

  it('names each unusable field and its problem, keeping the usable keys', () => {
    const result = identityKeysOf({ phone: '12345', email: 'li.na@', company: 'Acme Ltd' }, 'CN');
    expect(result.keys).toEqual([{ kind: 'company', value: 'acme' }]);
    expect(result.problems.map(({ field, problem }) => ({ field, problem }))).toEqual([
      { field: 'phone', problem: 'invalid-phone-number' },
      { field: 'email', problem: 'invalid-email' },
    ]);
  });
});

describe('identityKeyStreamId', () => {
  it('puts the kind and the value in the stream name', () => {
    expect(identityKeyStreamId({ kind: 'phone', value: '+8613800138000' })).toBe('identity-phone-+8613800138000');
  });
});
