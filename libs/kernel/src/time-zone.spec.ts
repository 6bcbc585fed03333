import { ianaTimeZone, isIanaTimeZone } from './time-zone';

describe('IANA time zones', () => {
  it.each([
    ['Asia/Shanghai', 'Asia/Shanghai'],
    ['asia/shanghai', 'Asia/Shanghai'],
    ['Etc/GMT-8', 'Etc/GMT-8'],
    ['UTC', 'UTC'],
  ])('knows %s, spelt %s', (zone, spelling) => {
    expect(ianaTimeZone(zone)).toBe(spelling);
    expect(isIanaTimeZone(zone)).toBe(true);
  });

  it("knows a three-part name (whose spelling is ICU's to choose: America/Buenos_Aires on Node 20)", () => {
    expect(isIanaTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
  });

  it.each(['+08:00', '-05:30', '+0800', '+08', 'Mars/Olympus', '', 'Asia/', '/Asia/Shanghai', 'Asia//Shanghai'])(
    'refuses %j',
    (zone) => {
      expect(ianaTimeZone(zone)).toBeNull();
      expect(isIanaTimeZone(zone)).toBe(false);
    },
  );

  describe('on a Node whose Intl accepts offset time zones (Node 22 and later)', () => {
    const RealDateTimeFormat = Intl.DateTimeFormat;
    beforeEach(() => {
      // What Node 22 does with "+08:00": a formatter whose zone is the offset itself.
      const lenient = function (locale?: string, options?: Intl.DateTimeFormatOptions) {
        const zone = options?.timeZone;
        if (zone && /^[+-]\d{2}(:?\d{2})?$/.test(zone))
          return { resolvedOptions: () => ({ timeZone: zone }) } as Intl.DateTimeFormat;
        return new RealDateTimeFormat(locale, options);
      };
      jest.spyOn(Intl, 'DateTimeFormat').mockImplementation(lenient as unknown as typeof Intl.DateTimeFormat);
    });
    afterEach(() => jest.restoreAllMocks());

    it('still refuses an offset, by its name, before asking Intl', () => {
      expect(new Intl.DateTimeFormat('en', { timeZone: '+08:00' }).resolvedOptions().timeZone).toBe('+08:00');
      expect(ianaTimeZone('+08:00')).toBeNull();
      expect(isIanaTimeZone('-0530')).toBe(false);
      expect(ianaTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    });
  });
});
