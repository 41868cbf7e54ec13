import { pickAdmissions, queueLimitBroken } from './admission.policy';

const run = (id: string, orgId = 'a') => ({ id, orgId });
const caps = { maxRunning: 3, maxRunningPerOrg: 2 };

describe(pickAdmissions.name, () => {
  it('should take candidates in the given order up to the free global slots when no org is at its cap', () => {
    const picked = pickAdmissions([run('1', 'a'), run('2', 'b'), run('3', 'c'), run('4', 'd')], new Map(), caps);
    expect(picked.map((c) => c.id)).toEqual(['1', '2', '3']);
  });

  it('should count busy runs of every org against the global cap when slots are taken', () => {
    const picked = pickAdmissions([run('1', 'a'), run('2', 'b')], new Map([['z', 2]]), caps);
    expect(picked.map((c) => c.id)).toEqual(['1']);
  });

  it('should skip an org at its cap and keep filling from other orgs when one org floods the queue', () => {
    const picked = pickAdmissions([run('1'), run('2'), run('3'), run('4', 'b')], new Map([['a', 1]]), caps);
    expect(picked.map((c) => c.id)).toEqual(['1', '4']);
  });

  it('should pick nothing when the busy runs already exceed the global cap', () => {
    expect(pickAdmissions([run('1')], new Map([['a', 5]]), caps)).toEqual([]);
  });
});

describe(queueLimitBroken.name, () => {
  const limits = { maxQueued: 10, maxQueuedPerOrg: 4 };

  it('should name the global limit when the whole queue is full', () => {
    expect(queueLimitBroken({ total: 10, org: 0 }, limits)).toEqual({
      setting: 'ORCHESTRATOR_MAX_QUEUED',
      limit: 10,
      queued: 10,
    });
  });

  it("should name the per-org limit when only the org's share is full", () => {
    expect(queueLimitBroken({ total: 5, org: 4 }, limits)?.setting).toBe('ORCHESTRATOR_MAX_QUEUED_PER_ORG');
  });

  it('should allow one more run when both counts are under their limits', () => {
    expect(queueLimitBroken({ total: 9, org: 3 }, limits)).toBeNull();
  });
});
