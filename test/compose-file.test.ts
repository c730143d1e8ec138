import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ipaddr from 'ipaddr.js';

// docker-compose.yml, read as text (no Docker engine is needed to check it): every client reaches
// the gateway through Docker's published port, so from the compose network's own gateway
// address. That network must not lie in the credential subgraph's INTERNAL_NETWORKS, or every
// client of the internet gets the internal zone's laxer lockout.
const compose = readFileSync(resolve(__dirname, '../docker-compose.yml'), 'utf8');

/** The `${NAME:-default}` default, or the plain value, of `name:` in the service `service`. */
function setting(service: string, name: string): string | undefined {
  const block = new RegExp(`\\n  ${service}:\\n([\\s\\S]*?)(?=\\n  \\S|\\n\\S|$)`).exec(compose)?.[1] ?? '';
  const value = new RegExp(`\\n\\s+${name}: (.+)`).exec(block)?.[1].trim();
  return value?.replace(/^\$\{\w+:-(.*)\}$/, '$1').replace(/^'(.*)'$/, '$1');
}

it('gives the compose network a fixed subnet outside the internal networks the credential subgraph is told', () => {
  const subnet = /\n\s+- subnet: (\S+)/.exec(compose)?.[1];
  expect(subnet).toBeDefined();
  const [network] = ipaddr.parseCIDR(subnet!);
  const internal = setting('credential', 'INTERNAL_NETWORKS');
  // Unset, the credential subgraph's default (every private range) would hold any Docker network.
  expect(internal).toBeDefined();
  for (const cidr of internal!.split(',')) {
    const range = ipaddr.parseCIDR(cidr.trim());
    expect([cidr, network.kind() === range[0].kind() && network.match(range)]).toEqual([cidr, false]);
  }
});

it('lets the operator name the proxy in front of the gateway, whose X-Forwarded-For it believes', () => {
  expect(compose).toMatch(/\n\s+TRUSTED_PROXIES: \$\{GATEWAY_TRUSTED_PROXIES:-loopback\}/);
  expect(setting('gateway', 'TRUSTED_PROXIES')).toBe('loopback');
});
