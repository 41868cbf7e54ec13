import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { withDeadline } from '../async/deadline';
import { classifyAddress } from './address-class';
import { AddressGuardException, AddressGuardExceptionCode } from './address-guard.exception';
import { type HostAllowList, normalizeHost } from './host-allow-list';

/** Resolves a host name to every address, as `dns.lookup(host, { all: true })` does. */
export type ResolveAll = (host: string, family?: number) => Promise<LookupAddress[]>;

const systemResolveAll: ResolveAll = (host, family) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, family: family ?? 0 }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

export interface AddressGuardOptions {
  allowList: HostAllowList;
  /** Env setting that holds the allow-list, named in refusals so operators know what to change. */
  setting: string;
  /** Defaults to the system resolver (what a plain connect would use); tests inject a rebinding one. */
  resolveAll?: ResolveAll;
}

/** The outcome of checking a URL ahead of time: its addresses passed, or its name did not resolve. */
export type UrlCheck = 'passed' | 'unresolved';

/**
 * Keeps outbound requests off loopback, private, link-local, unique-local, multicast and unspecified
 * addresses (SSRF), unless the operator's allow-list names the host or the address. Use `lookup` as the
 * connect-time resolver of a request so the address checked is the address connected to: a name that
 * resolves to a public address when validated and to 127.0.0.1 when used (DNS rebinding) is still refused.
 */
export class AddressGuard {
  private readonly resolveAll: ResolveAll;

  constructor(private readonly options: AddressGuardOptions) {
    this.resolveAll = options.resolveAll ?? systemResolveAll;
  }

  /** Throws ADDRESS_REFUSED when `address`, which `host` resolved to, is not public and not allowed. */
  assertAllowed(host: string, address: string): void {
    const kind = classifyAddress(address);
    if (kind === null || this.options.allowList.allows(host, address)) return;
    const via = normalizeHost(host) === address ? '' : ` (${host} resolves to it)`;
    throw new AddressGuardException(
      AddressGuardExceptionCode.ADDRESS_REFUSED,
      `${address}${via} is a ${kind} address; it is refused unless the operator allows it in ${this.options.setting}`,
    );
  }

  /**
   * Checks a URL before it is stored: an IP literal at once, a name by resolving it (every address must
   * pass). A name that does not resolve within `timeoutMs` passes as `unresolved`; the connect-time
   * check still applies when it is used.
   */
  async checkUrl(url: string | URL, timeoutMs: number): Promise<UrlCheck> {
    const host = normalizeHost(new URL(url).hostname);
    if (isIP(host) !== 0) {
      this.assertAllowed(host, host);
      return 'passed';
    }
    let addresses: LookupAddress[];
    try {
      addresses = await withDeadline(`resolving ${host}`, timeoutMs, () => this.resolveAll(host));
    } catch {
      return 'unresolved';
    }
    for (const { address } of addresses) this.assertAllowed(host, address);
    return 'passed';
  }

  /**
   * A `lookup` for `http.request` / `net.connect` / `tls.connect`. Connecting to an IP literal skips
   * lookup, so callers check literals with `assertAllowed(host, host)` first (see `assertLiteral`).
   */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.resolveAll(hostname, options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family)
      .then((addresses) => {
        for (const { address } of addresses) this.assertAllowed(hostname, address);
        const [first] = addresses;
        if (options.all) callback(null, addresses);
        else if (first) callback(null, first.address, first.family);
        else callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, ''));
  };

  /** Refuses a URL whose host is a non-public IP literal (those never reach `lookup`). */
  assertLiteral(url: URL): void {
    const host = normalizeHost(url.hostname);
    if (isIP(host) !== 0) this.assertAllowed(host, host);
  }
}
