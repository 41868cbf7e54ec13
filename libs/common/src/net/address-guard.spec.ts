import { request } from 'node:http';
import { AddressGuard, type ResolveAll } from './address-guard';
import { AddressGuardExceptionCode } from './address-guard.exception';
import { HostAllowList } from './host-allow-list';

/** A resolver that answers from a table, like a DNS server an attacker controls. */
const table =
  (answers: Record<string, string[]>): ResolveAll =>
  (host) => {
    const addresses = answers[host];
    if (!addresses)
      return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
    return Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  };

const guardWith = (allow: string, answers: Record<string, string[]> = {}) =>
  new AddressGuard({
    allowList: HostAllowList.parse(allow),
    setting: 'TEST_ALLOWED_HOSTS',
    resolveAll: table(answers),
  });

describe(AddressGuard.name, () => {
  it('should refuse loopback, metadata and mapped addresses when the allow-list is empty', () => {
    const guard = guardWith('');
    for (const address of ['127.0.0.1', '169.254.169.254', '::ffff:127.0.0.1', '::1', '10.0.0.8']) {
      expect(() => guard.assertAllowed('h', address)).toThrow(
        expect.objectContaining({ code: AddressGuardExceptionCode.ADDRESS_REFUSED }),
      );
    }
    expect(() => guard.assertAllowed('h', '8.8.8.8')).not.toThrow();
  });

  it('should name the address, its class and the setting when refusing', () => {
    expect(() => guardWith('').assertAllowed('metadata.test', '169.254.169.254')).toThrow(
      '169.254.169.254 (metadata.test resolves to it) is a link-local address; it is refused unless the operator allows it in TEST_ALLOWED_HOSTS',
    );
  });

  it('should let an allowed address or host name through when the operator lists it', () => {
    expect(() => guardWith('127.0.0.1').assertAllowed('127.0.0.1', '127.0.0.1')).not.toThrow();
    expect(() => guardWith('hooks.internal').assertAllowed('hooks.internal', '10.1.1.1')).not.toThrow();
  });

  it('should check every address of a name and IP literals directly when checking a URL', async () => {
    const guard = guardWith('', { 'mixed.test': ['8.8.8.8', '127.0.0.1'], 'public.test': ['8.8.4.4'] });
    await expect(guard.checkUrl('https://public.test/a', 1000)).resolves.toBe('passed');
    await expect(guard.checkUrl('https://mixed.test/a', 1000)).rejects.toMatchObject({ code: 'ADDRESS_REFUSED' });
    await expect(guard.checkUrl('http://[::ffff:7f00:1]:8080/', 1000)).rejects.toMatchObject({
      code: 'ADDRESS_REFUSED',
    });
    await expect(guard.checkUrl('http://2130706433/', 1000)).rejects.toMatchObject({ code: 'ADDRESS_REFUSED' });
  });

  it('should pass a name that does not resolve as unresolved when checking a URL', async () => {
    await expect(guardWith('').checkUrl('https://nowhere.test/', 1000)).resolves.toBe('unresolved');
  });

  it('should refuse at connect time when a name resolves to loopback (DNS rebinding)', async () => {
    const guard = guardWith('', { 'rebind.test': ['127.0.0.1'] });
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
      const req = request('http://rebind.test:9/', { lookup: guard.lookup }, () => resolve(new Error('connected')));
      req.on('error', resolve);
      req.end();
    });
    expect(error).toMatchObject({ code: 'ADDRESS_REFUSED' });
  });
});
