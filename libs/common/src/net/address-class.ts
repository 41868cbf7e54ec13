import { BlockList, isIP } from 'node:net';

/** Why an address is not on the public internet. */
export type AddressClass =
  'unspecified' | 'loopback' | 'private' | 'link-local' | 'unique-local' | 'multicast' | 'reserved';

type Range = readonly [network: string, prefix: number];

const V4: Record<AddressClass, Range[]> = {
  unspecified: [['0.0.0.0', 8]],
  loopback: [['127.0.0.0', 8]],
  // RFC 1918, plus carrier-grade NAT (RFC 6598) which is just as internal from our side.
  private: [
    ['10.0.0.0', 8],
    ['172.16.0.0', 12],
    ['192.168.0.0', 16],
    ['100.64.0.0', 10],
  ],
  // 169.254.169.254 is where cloud metadata services answer.
  'link-local': [['169.254.0.0', 16]],
  'unique-local': [],
  multicast: [['224.0.0.0', 4]],
  reserved: [
    ['192.0.0.0', 24],
    ['198.18.0.0', 15],
    ['240.0.0.0', 4],
  ],
};

const V6: Record<AddressClass, Range[]> = {
  unspecified: [['::', 128]],
  loopback: [['::1', 128]],
  private: [],
  'link-local': [['fe80::', 10]],
  'unique-local': [
    ['fc00::', 7],
    ['fec0::', 10],
  ],
  multicast: [['ff00::', 8]],
  // IPv4-compatible (deprecated, ::a.b.c.d) and local-use NAT64 can both reach internal IPv4 hosts.
  reserved: [
    ['::', 96],
    ['64:ff9b:1::', 48],
  ],
};

function blockListOf(v4: Range[], v6: Range[]): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of v4) list.addSubnet(network, prefix, 'ipv4');
  for (const [network, prefix] of v6) list.addSubnet(network, prefix, 'ipv6');
  return list;
}

// Order matters: `::` and `::1` also fall in the reserved ::/96, and should be named for what they are.
const CLASSES = (Object.keys(V4) as AddressClass[]).map((name) => [name, blockListOf(V4[name], V6[name])] as const);

/**
 * The class of an IP address that is not publicly routable, or null for a public one. IPv4-mapped
 * IPv6 addresses (`::ffff:127.0.0.1`) are checked as the IPv4 address they carry (net.BlockList does that).
 */
export function classifyAddress(address: string): AddressClass | null {
  const family = isIP(address);
  if (family === 0) throw new TypeError(`${address} is not an IP address`);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const [name, list] of CLASSES) if (list.check(address, type)) return name;
  return null;
}
