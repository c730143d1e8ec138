import { rateLimitAddressKey, withAddressKey } from './client-address';

describe('rate-limit address keys', () => {
  it('bucket IPv6 by its /64 network, whatever the interface part', () => {
    const keys = [
      '2001:db8:7:42::1',
      '2001:db8:7:42:1:1eef:0:1',
      '2001:0db8:0007:0042:ffff:ffff:ffff:ffff',
      '2001:db8:7:42::a:b',
    ].map((a) => rateLimitAddressKey(a));
    expect(new Set(keys)).toEqual(new Set(['2001:db8:7:42::/64']));
    expect(rateLimitAddressKey('2001:db8:7:43::1')).toBe('2001:db8:7:43::/64');
  });

  it('take the prefix length asked for', () => {
    expect(rateLimitAddressKey('2001:db8:7:42:1::1', 48)).toBe('2001:db8:7::/48');
    expect(rateLimitAddressKey('2001:db8:7:42:1::1', 56)).toBe('2001:db8:7::/56');
    expect(rateLimitAddressKey('2001:db8:7:4299:1::1', 56)).toBe('2001:db8:7:4200::/56');
    expect(rateLimitAddressKey('2001:db8::1', 128)).toBe('2001:db8::1/128');
  });

  it('keep IPv4 as it is, and count an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(rateLimitAddressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitAddressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitAddressKey('::ffff:cb00:7107')).toBe('203.0.113.7');
  });

  it('leave anything that is not an address alone', () => {
    expect(rateLimitAddressKey('')).toBe('');
    expect(rateLimitAddressKey('undefined')).toBe('undefined');
  });

  it('rewrite the address at the end of a bucket name, and nothing else', () => {
    expect(withAddressKey('login:address:2001:db8:7:42::99')).toBe('login:address:2001:db8:7:42::/64');
    expect(withAddressKey('login:address:::ffff:10.1.2.3')).toBe('login:address:10.1.2.3');
    expect(withAddressKey('findAdministrators:198.51.100.4')).toBe('findAdministrators:198.51.100.4');
    expect(withAddressKey('login:user:someone@example.org')).toBe('login:user:someone@example.org');
    expect(withAddressKey('login:address:undefined')).toBe('login:address:undefined');
  });
});
