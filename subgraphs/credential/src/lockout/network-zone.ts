import ipaddr from 'ipaddr.js';

export type NetworkZone = 'INTERNAL' | 'INTERNET';

/** Which zone a client address is in: the configured internal CIDRs, or the internet. */
export function networkZones(cidrs: string[]) {
  const ranges = cidrs.map((cidr) => {
    try {
      return ipaddr.parseCIDR(cidr);
    } catch {
      throw new Error(`Invalid configuration:\n  INTERNAL_NETWORKS: "${cidr}" is not a CIDR range`);
    }
  });
  return (address: string | undefined): NetworkZone => {
    if (!address || !ipaddr.isValid(address)) return 'INTERNET';
    let ip = ipaddr.parse(address);
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
    return ranges.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits))
      ? 'INTERNAL'
      : 'INTERNET';
  };
}

export type ZoneOf = ReturnType<typeof networkZones>;
