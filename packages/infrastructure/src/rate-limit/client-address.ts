import ipaddr from 'ipaddr.js';

// One value per process: `startSubgraph` sets it from RATE_LIMIT_IPV6_PREFIX, which every service
// of a process reads from the same environment.
let ipv6PrefixLength = 64;

/** IPv6 clients share a bucket per network of this many leading bits (RATE_LIMIT_IPV6_PREFIX). */
export function setIpv6RateLimitPrefix(length: number): void {
  if (!Number.isInteger(length) || length < 1 || length > 128)
    throw new RangeError('IPv6 prefix length must be 1 to 128');
  ipv6PrefixLength = length;
}

/**
 * The rate-limit key of a client address. An IPv4 address is itself; an IPv4-mapped IPv6 address
 * (`::ffff:203.0.113.7`) is the IPv4 address it maps; any other IPv6 address is its network
 * (`2001:db8:7:42::/64`): one subscriber is given a whole /64 and can use any address in it, so
 * counting full addresses would give one client 2^64 buckets. Anything else is kept as it is.
 */
export function rateLimitAddressKey(address: string, prefixLength = ipv6PrefixLength): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  const bytes = v6.toByteArray();
  for (let bit = prefixLength; bit < 128; bit++) bytes[bit >> 3] &= ~(0x80 >> (bit & 7));
  return `${ipaddr.fromByteArray(bytes).toString()}/${prefixLength}`;
}

/**
 * Buckets are named `<what>:<client address>` (`login:address:2001:db8::1`); the address part,
 * when the name ends with one, becomes its rate-limit key, so every caller of `consumeRateLimit`
 * buckets IPv6 by network without knowing about it.
 */
export function withAddressKey(bucket: string): string {
  for (let at = bucket.indexOf(':'); at !== -1; at = bucket.indexOf(':', at + 1)) {
    const tail = bucket.slice(at + 1);
    if (ipaddr.isValid(tail) && isAddressLiteral(tail)) return `${bucket.slice(0, at + 1)}${rateLimitAddressKey(tail)}`;
  }
  return bucket;
}

/** An IPv4 address in four decimal parts, or an IPv6 address: what a client address looks like. */
export const isIpAddress = (text: string): boolean => isAddressLiteral(text);

// ipaddr.js also accepts "1", "0x7f.1" and other classful IPv4 forms; a client address never looks like that.
function isAddressLiteral(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || (text.includes(':') && ipaddr.IPv6.isValid(text));
}
