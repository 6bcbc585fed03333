import { isForbiddenAddress, outboundUrlProblem } from './outbound-address';

describe('outbound webhook addresses', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::a00:1',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])('admits %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });

  it('names what is wrong with a URL, before any DNS is asked for a literal address', async () => {
    expect(await outboundUrlProblem('ftp://example.com/x', false)).toBe('url must use http or https');
    expect(await outboundUrlProblem('not a url', false)).toBe('url must be an absolute http(s) URL');
    expect(await outboundUrlProblem('https://user:pw@example.com/', false)).toBe('url must not carry credentials');
    expect(await outboundUrlProblem('http://[::1]:8080/hook', false)).toMatch(/private or reserved address \(::1\)/);
    expect(await outboundUrlProblem('http://127.0.0.1:8080/hook', true)).toBeNull();
  });
});
