import { HostAllowList, hostAllowListSetting } from './host-allow-list';

describe(HostAllowList.name, () => {
  it('should allow listed addresses, ranges and host names when parsed from a comma-separated list', () => {
    const list = HostAllowList.parse(' 127.0.0.1, ::1 ,10.0.0.0/8,fd00::/8, Hooks.Internal. ');
    expect(list.entries).toEqual(['127.0.0.1', '::1', '10.0.0.0/8', 'fd00::/8', 'hooks.internal']);
    expect(list.allows('localhost', '127.0.0.1')).toBe(true);
    expect(list.allows('x', '::ffff:127.0.0.1')).toBe(true);
    expect(list.allows('x', '10.9.8.7')).toBe(true);
    expect(list.allows('x', 'fd00::5')).toBe(true);
    expect(list.allows('HOOKS.internal', '192.168.0.5')).toBe(true);
    expect(list.allows('x', '127.0.0.2')).toBe(false);
    expect(list.allows('x', '192.168.0.5')).toBe(false);
  });

  it('should allow nothing when empty', () => {
    expect(HostAllowList.parse('').allows('localhost', '127.0.0.1')).toBe(false);
    expect(HostAllowList.EMPTY.entries).toEqual([]);
  });

  it.each(['10.0.0.0/33', 'fd00::/129', '10.0.0.0/8/1', 'not a host', 'a/8'])(
    'should refuse the entry %s when parsing',
    (entry) => {
      expect(() => HostAllowList.parse(entry)).toThrow(/is not an IP address, a CIDR range/);
    },
  );

  it('should report a bad entry as a config issue when used as a setting', () => {
    const result = hostAllowListSetting().safeParse('127.0.0.1,???');
    expect(result.success).toBe(false);
    expect(hostAllowListSetting().parse(undefined).entries).toEqual([]);
  });
});
