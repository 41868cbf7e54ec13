import { randomUUID } from 'node:crypto';
import { toErrorInfo } from '@webbyflow/common';
import { type MessageBus, RemoteException } from '@webbyflow/messaging';

// An org and a task that never exist: any answer, even TASK_NOT_FOUND, proves the orchestrator is up.
const NO_ORG = '00000000-0000-4000-8000-000000000000';
const NO_TASK = '00000000-0000-4000-8000-000000000000';

export interface OrchestratorProbeResult {
  answering: boolean;
  detail: string;
}

/** Whether an orchestrator instance answers queries right now (for /healthz; never throws). */
export async function probeOrchestrator(bus: MessageBus, timeoutMs: number): Promise<OrchestratorProbeResult> {
  const id = `healthz-${randomUUID()}`;
  try {
    await bus.request(
      'webbyflow.qry.orchestrator.get_task.v1',
      { orgId: NO_ORG, taskId: NO_TASK },
      { id, correlationId: id, causationId: null, orgId: NO_ORG },
      timeoutMs,
    );
    return { answering: true, detail: 'answered' };
  } catch (error) {
    if (error instanceof RemoteException) return { answering: true, detail: `answered ${error.code}` };
    return { answering: false, detail: toErrorInfo(error).message };
  }
}
