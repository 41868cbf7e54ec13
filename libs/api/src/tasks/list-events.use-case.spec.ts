import type { MessageBus } from '@webbyflow/messaging';
import { ApiException, ApiExceptionCode } from '../errors/api.exception';
import { ListEventsUseCase, parseListEventsQuery } from './list-events.use-case';

const principal = { orgId: '11111111-1111-4111-8111-111111111111', apiKeyId: 'k', keyPrefix: 'wf_00000000' };
const taskId = '6f1b1c1e-6f0c-4b9e-9b8e-2d6b1f4f5a10';

function fieldsOf(query: unknown): string[] {
  try {
    parseListEventsQuery(query);
  } catch (error) {
    expect((error as ApiException).code).toBe(ApiExceptionCode.VALIDATION_FAILED);
    return ((error as ApiException).fields ?? []).map((f) => f.field);
  }
  throw new Error('expected the query to be refused');
}

describe(ListEventsUseCase.name, () => {
  it('should default to 200 events from the start when the query string is empty', () => {
    expect(parseListEventsQuery({})).toEqual({ limit: 200 });
    expect(parseListEventsQuery({ after: 'evt-1', limit: '500' })).toEqual({ after: 'evt-1', limit: 500 });
  });

  it('should name limit when it is out of 1..500 or not a number, and refuse unknown parameters', () => {
    expect(fieldsOf({ limit: '0' })).toEqual(['limit']);
    expect(fieldsOf({ limit: '501' })).toEqual(['limit']);
    expect(fieldsOf({ limit: 'many' })).toEqual(['limit']);
    expect(fieldsOf({ after: '' })).toEqual(['after']);
    expect(fieldsOf({ cursor: 'x' })).toEqual(['cursor']);
  });

  it('should ask the orchestrator with the caller org, the task id and the page when the id is a uuid', async () => {
    const reply = { taskId, events: [], nextCursor: null };
    const request = jest.fn().mockResolvedValue(reply);
    const useCase = new ListEventsUseCase({ request } as unknown as MessageBus);
    await expect(useCase.execute(principal, taskId.toUpperCase(), { after: 'evt-1', limit: 2 })).resolves.toEqual(
      reply,
    );
    expect(request).toHaveBeenCalledWith(
      'webbyflow.qry.orchestrator.list_events.v1',
      { orgId: principal.orgId, taskId, after: 'evt-1', limit: 2 },
      expect.objectContaining({ orgId: principal.orgId, correlationId: taskId, causationId: null }),
    );
  });

  it('should answer TASK_NOT_FOUND without asking when the id is not a uuid', async () => {
    const request = jest.fn();
    const useCase = new ListEventsUseCase({ request } as unknown as MessageBus);
    await expect(useCase.execute(principal, 'nope', { limit: 200 })).rejects.toMatchObject({
      code: ApiExceptionCode.TASK_NOT_FOUND,
    });
    expect(request).not.toHaveBeenCalled();
  });
});
