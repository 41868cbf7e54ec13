import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

/** Host names are compared without case, brackets or a trailing dot. */
export const normalizeHost = (host: string): string =>
  host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/**
 * What an operator lets through the address guard although it is not public: IP addresses, CIDR ranges
 * and exact host names, e.g. `127.0.0.1,::1,10.0.0.0/8,hooks.internal`.
 */
export class HostAllowList {
  private readonly addresses = new BlockList();
  private readonly hosts = new Set<string>();

  private constructor(readonly entries: readonly string[]) {
    for (const entry of entries) {
      const [network, prefix] = entry.split('/');
      const family = isIP(network);
      if (family !== 0) {
        const type = family === 4 ? 'ipv4' : 'ipv6';
        if (prefix === undefined) this.addresses.addAddress(network, type);
        else this.addresses.addSubnet(network, Number(prefix), type);
      } else {
        this.hosts.add(entry);
      }
    }
  }

  static readonly EMPTY = new HostAllowList([]);

  /** Parses a comma-separated list; throws a TypeError naming the first entry that is none of the three. */
  static parse(value: string): HostAllowList {
    const entries = value
      .split(',')
      .map(normalizeHost)
      .filter((entry) => entry.length > 0);
    for (const entry of entries) {
      if (!isValidEntry(entry))
        throw new TypeError(`"${entry}" is not an IP address, a CIDR range (10.0.0.0/8) or a host name`);
    }
    return new HostAllowList(entries);
  }

  /** True when the host name itself, or the address it resolved to, is listed. */
  allows(host: string, address: string): boolean {
    if (this.hosts.has(normalizeHost(host))) return true;
    const family = isIP(address);
    return family !== 0 && this.addresses.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }
}

function isValidEntry(entry: string): boolean {
  const [network, prefix, extra] = entry.split('/');
  const family = isIP(network);
  if (extra !== undefined) return false;
  if (prefix === undefined) return family !== 0 || HOST_NAME.test(entry);
  const bits = Number(prefix);
  return family !== 0 && /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/** An env setting holding a HostAllowList (empty by default: nothing internal is allowed). */
export const hostAllowListSetting = () =>
  z
    .string()
    .default('')
    .transform((value, ctx) => {
      try {
        return HostAllowList.parse(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });
