import type { TaskViewV1 } from '@webbyflow/contracts';
import type { MessageBus } from '@webbyflow/messaging';
import { ApiExceptionCode } from '../errors/api.exception';
import { GetTaskUseCase } from './get-task.use-case';

const principal = { orgId: '11111111-1111-4111-8111-111111111111', apiKeyId: 'k', keyPrefix: 'wf_00000000' };
const taskId = '6f1b1c1e-6f0c-4b9e-9b8e-2d6b1f4f5a10';

function busAnswering(view: Partial<TaskViewV1>) {
  const request = jest.fn().mockResolvedValue(view);
  return { bus: { request } as unknown as MessageBus, request };
}

describe(GetTaskUseCase.name, () => {
  it('should ask the orchestrator with the caller org and the task id when the id is a uuid', async () => {
    const { bus, request } = busAnswering({ id: taskId, orgId: principal.orgId });
    await expect(new GetTaskUseCase(bus).execute(principal, taskId.toUpperCase())).resolves.toMatchObject({
      id: taskId,
    });
    expect(request).toHaveBeenCalledWith(
      'webbyflow.qry.orchestrator.get_task.v1',
      { orgId: principal.orgId, taskId },
      expect.objectContaining({ orgId: principal.orgId, correlationId: taskId, causationId: null }),
    );
  });

  it('should answer TASK_NOT_FOUND without asking when the id is not a uuid', async () => {
    const { bus, request } = busAnswering({});
    await expect(new GetTaskUseCase(bus).execute(principal, '../etc')).rejects.toMatchObject({
      code: ApiExceptionCode.TASK_NOT_FOUND,
    });
    expect(request).not.toHaveBeenCalled();
  });

  it('should answer TASK_NOT_FOUND when the orchestrator returns another org’s task', async () => {
    const { bus } = busAnswering({ id: taskId, orgId: '22222222-2222-4222-8222-222222222222' });
    await expect(new GetTaskUseCase(bus).execute(principal, taskId)).rejects.toMatchObject({
      code: ApiExceptionCode.TASK_NOT_FOUND,
    });
  });
});
