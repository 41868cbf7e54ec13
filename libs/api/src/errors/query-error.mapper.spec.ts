import { MessagingException, MessagingExceptionCode, RemoteException } from '@webbyflow/messaging';
import { ApiException, ApiExceptionCode } from './api.exception';
import { fromQueryError, QUEUE_FULL_RETRY_AFTER_SECONDS, RETRY_AFTER_SECONDS } from './query-error.mapper';

const task = { service: 'orchestrator', resource: 'task', id: 'b3f2' } as const;
const artifact = { service: 'artifact service', resource: 'artifact', id: 'c4a1' } as const;
const planCache = { service: 'orchestrator', resource: 'plan_cache', id: 'd5b2' } as const;
const remote = (code: string, terminal = true) =>
  new RemoteException('OrchestratorException', code, 'remote', terminal);
const codeOf = (error: unknown) => (error as ApiException).code;

describe(fromQueryError.name, () => {
  it.each([
    ['TASK_NOT_FOUND', task, ApiExceptionCode.TASK_NOT_FOUND],
    ['NOT_FOUND', artifact, ApiExceptionCode.ARTIFACT_NOT_FOUND],
    ['ARTIFACT_NOT_FOUND', artifact, ApiExceptionCode.ARTIFACT_NOT_FOUND],
    ['TASK_ALREADY_FINISHED', task, ApiExceptionCode.TASK_ALREADY_FINISHED],
    ['NOT_FOUND', planCache, ApiExceptionCode.INTERNAL],
  ] as const)(
    'should map the remote code %s to an API error when the responder answers it',
    (code, target, expected) => {
      expect(codeOf(fromQueryError(remote(code), target))).toBe(expected);
    },
  );

  it.each([MessagingExceptionCode.NO_RESPONDER, MessagingExceptionCode.REQUEST_TIMEOUT])(
    'should answer SERVICE_UNAVAILABLE with a retry delay when the query fails with %s',
    (code) => {
      const error = fromQueryError(new MessagingException(code, 'nobody'), task) as ApiException;
      expect(error.code).toBe(ApiExceptionCode.SERVICE_UNAVAILABLE);
      expect(error.retryAfterSeconds).toBe(RETRY_AFTER_SECONDS);
      expect(error.message).toContain('orchestrator');
    },
  );

  it('should answer SERVICE_UNAVAILABLE when the remote failure is retryable, INTERNAL when it is not', () => {
    expect(codeOf(fromQueryError(remote('INTERNAL', false), task))).toBe(ApiExceptionCode.SERVICE_UNAVAILABLE);
    expect(codeOf(fromQueryError(remote('SOMETHING_ELSE', true), task))).toBe(ApiExceptionCode.INTERNAL);
  });

  it('should answer INTERNAL when the reply is malformed', () => {
    const error = new MessagingException(MessagingExceptionCode.INVALID_MESSAGE, 'bad reply');
    expect(codeOf(fromQueryError(error, task))).toBe(ApiExceptionCode.INTERNAL);
  });

  it('should pass through errors that did not come from the query', () => {
    const bug = new TypeError('x is undefined');
    const ours = new ApiException(ApiExceptionCode.TASK_NOT_FOUND, 'gone');
    expect(fromQueryError(bug, task)).toBe(bug);
    expect(fromQueryError(ours, task)).toBe(ours);
  });
});

describe(`${fromQueryError.name} admission`, () => {
  it('should answer QUEUE_FULL with a Retry-After and the remote message naming the limit when the queue is full', () => {
    const error = fromQueryError(remote('QUEUE_FULL'), task) as ApiException;
    expect(error.code).toBe(ApiExceptionCode.QUEUE_FULL);
    expect(error.retryAfterSeconds).toBe(QUEUE_FULL_RETRY_AFTER_SECONDS);
    expect(error.message).toContain('remote');
  });

  it('should answer IDEMPOTENCY_KEY_REUSED naming the header when the key came with another body', () => {
    const error = fromQueryError(remote('IDEMPOTENCY_KEY_REUSED'), task) as ApiException;
    expect(error.code).toBe(ApiExceptionCode.IDEMPOTENCY_KEY_REUSED);
    expect(error.fields?.[0]?.field).toBe('idempotency-key');
  });
});
