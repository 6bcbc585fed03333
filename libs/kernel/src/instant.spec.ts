import { instantMs, utcInstant } from './instant';

describe('an instant as RFC 3339 writes it', () => {
  it('reads a time with Z or a +hh:mm offset, with or without seconds and fractions', () => {
    expect(instantMs('2026-10-25T10:00:00+08:00')).toBe(Date.parse('2026-10-25T02:00:00Z'));
    expect(instantMs('2026-10-25T10:00+08:00')).toBe(Date.parse('2026-10-25T02:00:00Z'));
    expect(instantMs('2026-10-25T02:00:00.250Z')).toBe(Date.parse('2026-10-25T02:00:00.250Z'));
  });

  it.each([
    '2026-10-25T10:00:00',
    '2026-10-25',
    '2026-10-25T10:00:00+08',
    '2026-10-25T10:00:00+0800',
    '+002026-10-25T10:00:00Z',
    '2026-10-25T10:00:00,5Z',
  ])('refuses %s: no zone, or one the HTTP edge refuses too', (value) => expect(instantMs(value)).toBeNaN());
});

describe('an instant in one spelling', () => {
  it('writes any zone as UTC with milliseconds, and keeps what is already so', () => {
    expect(utcInstant('2026-11-20T09:00:00+08:00')).toBe('2026-11-20T01:00:00.000Z');
    expect(utcInstant('2026-11-20T01:00:00Z')).toBe('2026-11-20T01:00:00.000Z');
    expect(utcInstant('2026-11-20T01:00:00.000Z')).toBe('2026-11-20T01:00:00.000Z');
    expect(utcInstant('not a time')).toBe('not a time');
  });
});
