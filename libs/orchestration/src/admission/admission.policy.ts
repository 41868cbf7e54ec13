/** A queued run waiting for a slot, in start order (priority desc, then oldest first). */
export interface AdmissionCandidate {
  id: string;
  orgId: string;
}

export interface AdmissionCaps {
  maxRunning: number;
  maxRunningPerOrg: number;
}

/**
 * Which candidates get a slot now: in the order given, while the global cap has room, skipping
 * runs whose org is at its own cap (they keep their place for the next round).
 */
export function pickAdmissions(
  candidates: readonly AdmissionCandidate[],
  busyByOrg: ReadonlyMap<string, number>,
  caps: AdmissionCaps,
): AdmissionCandidate[] {
  const busy = new Map(busyByOrg);
  let free = caps.maxRunning - [...busy.values()].reduce((sum, n) => sum + n, 0);
  const picked: AdmissionCandidate[] = [];
  for (const candidate of candidates) {
    if (free <= 0) break;
    const orgBusy = busy.get(candidate.orgId) ?? 0;
    if (orgBusy >= caps.maxRunningPerOrg) continue;
    busy.set(candidate.orgId, orgBusy + 1);
    picked.push(candidate);
    free -= 1;
  }
  return picked;
}

/** The queue's room for one more run of `orgId`, or which limit it would break. */
export function queueLimitBroken(
  queued: { total: number; org: number },
  limits: { maxQueued: number; maxQueuedPerOrg: number },
): { setting: 'ORCHESTRATOR_MAX_QUEUED' | 'ORCHESTRATOR_MAX_QUEUED_PER_ORG'; limit: number; queued: number } | null {
  if (queued.total >= limits.maxQueued)
    return { setting: 'ORCHESTRATOR_MAX_QUEUED', limit: limits.maxQueued, queued: queued.total };
  if (queued.org >= limits.maxQueuedPerOrg)
    return { setting: 'ORCHESTRATOR_MAX_QUEUED_PER_ORG', limit: limits.maxQueuedPerOrg, queued: queued.org };
  return null;
}
