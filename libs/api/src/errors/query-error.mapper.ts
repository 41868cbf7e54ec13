import { MessagingException, MessagingExceptionCode, RemoteException } from '@webbyflow/messaging';
import { ApiException, ApiExceptionCode } from './api.exception';

/** Codes the orchestrator and artifact-svc answer queries with (recognised by code, STYLE.md §12). */
export const RemoteErrorCode = {
  TASK_NOT_FOUND: 'TASK_NOT_FOUND',
  TASK_ALREADY_FINISHED: 'TASK_ALREADY_FINISHED',
  TASK_NOT_FINISHED: 'TASK_NOT_FINISHED',
  WEBHOOK_NOT_CONFIGURED: 'WEBHOOK_NOT_CONFIGURED',
  ARTIFACT_NOT_FOUND: 'ARTIFACT_NOT_FOUND',
  NOT_FOUND: 'NOT_FOUND',
  QUEUE_FULL: 'QUEUE_FULL',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
} as const;

/** How long a client should wait before retrying when a service behind the gateway does not answer. */
export const RETRY_AFTER_SECONDS = 5;

/** How long a client should wait when the run queue is full (a run takes seconds to minutes). */
export const QUEUE_FULL_RETRY_AFTER_SECONDS = 30;

/** The HTTP header that makes POST /v1/tasks safe to retry. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** The resources a query names by id, which the client is told do not exist when they are not found. */
export type NotFoundResource = 'task' | 'artifact';

/** What a query was about, to word the error the client sees. */
export interface QueryTarget {
  /** The service that should have answered, e.g. `orchestrator`. */
  service: string;
  /** `plan_cache` is only listed: no query names one of its entries, so it has no not-found answer. */
  resource: NotFoundResource | 'plan_cache';
  id: string;
}

export function notFound(target: { resource: NotFoundResource; id: string }): ApiException {
  // Malformed, unknown and other orgs' ids answer alike, so ids reveal nothing about other orgs.
  return target.resource === 'task'
    ? new ApiException(
        ApiExceptionCode.TASK_NOT_FOUND,
        `task ${target.id} does not exist in your org; use an id returned by POST /v1/tasks`,
        { fields: [{ field: 'id', message: 'must be the id of a task of your org' }] },
      )
    : new ApiException(
        ApiExceptionCode.ARTIFACT_NOT_FOUND,
        `artifact ${target.id} does not exist in your org; use an artifact url from GET /v1/tasks/{id}`,
        { fields: [{ field: 'id', message: 'must be the id of an artifact of your org' }] },
      );
}

export function serviceUnavailable(service: string, cause?: unknown): ApiException {
  return new ApiException(
    ApiExceptionCode.SERVICE_UNAVAILABLE,
    `the ${service} is not answering right now; retry in ${RETRY_AFTER_SECONDS} seconds`,
    { cause, retryAfterSeconds: RETRY_AFTER_SECONDS },
  );
}

/**
 * Maps a failed query to what the API answers. Errors that did not come from the query (a bug here)
 * are returned unchanged, so the filter reports them as internal errors.
 */
export function fromQueryError(error: unknown, target: QueryTarget): unknown {
  if (error instanceof MessagingException) return fromMessagingError(error, target);
  if (error instanceof RemoteException) return fromRemoteError(error, target);
  return error;
}

/** The query did not get a usable answer. */
function fromMessagingError(error: MessagingException, target: QueryTarget): ApiException {
  switch (error.code) {
    case MessagingExceptionCode.NO_RESPONDER:
    case MessagingExceptionCode.REQUEST_TIMEOUT:
      return serviceUnavailable(target.service, error);
    default:
      return internal(target.service, error);
  }
}

/** The responder answered with an error, recognised by its code. */
function fromRemoteError(error: RemoteException, target: QueryTarget): ApiException {
  switch (error.code) {
    case RemoteErrorCode.TASK_NOT_FOUND:
    case RemoteErrorCode.ARTIFACT_NOT_FOUND:
    case RemoteErrorCode.NOT_FOUND:
      // Listing the plan cache names nothing that could be missing: such an answer is the service's bug.
      if (target.resource === 'plan_cache') return internal(target.service, error);
      return notFound({ resource: target.resource, id: target.id });
    case RemoteErrorCode.TASK_ALREADY_FINISHED:
      return new ApiException(
        ApiExceptionCode.TASK_ALREADY_FINISHED,
        `task ${target.id} has already finished; only a task that is still queued or running can be canceled`,
        { cause: error },
      );
    case RemoteErrorCode.TASK_NOT_FINISHED:
      return new ApiException(
        ApiExceptionCode.TASK_NOT_FINISHED,
        `task ${target.id} has not finished yet; its webhook can be resent once the run has ended`,
        { cause: error },
      );
    case RemoteErrorCode.WEBHOOK_NOT_CONFIGURED:
      return new ApiException(
        ApiExceptionCode.WEBHOOK_NOT_CONFIGURED,
        `task ${target.id} has no webhook_url; there is nowhere to send its result`,
        { cause: error },
      );
    case RemoteErrorCode.QUEUE_FULL:
      // The orchestrator's message names the limit and how many runs wait; it holds nothing private.
      return new ApiException(
        ApiExceptionCode.QUEUE_FULL,
        `too many tasks are waiting to start (${error.message}); retry in ${QUEUE_FULL_RETRY_AFTER_SECONDS} seconds`,
        { cause: error, retryAfterSeconds: QUEUE_FULL_RETRY_AFTER_SECONDS },
      );
    case RemoteErrorCode.IDEMPOTENCY_KEY_REUSED:
      return new ApiException(
        ApiExceptionCode.IDEMPOTENCY_KEY_REUSED,
        `this ${IDEMPOTENCY_KEY_HEADER} was already used for a task with a different request body`,
        {
          cause: error,
          fields: [{ field: IDEMPOTENCY_KEY_HEADER, message: 'must be a new key for a different request' }],
        },
      );
    default:
      return error.terminal ? internal(target.service, error) : serviceUnavailable(target.service, error);
  }
}

function internal(service: string, cause: unknown): ApiException {
  return new ApiException(
    ApiExceptionCode.INTERNAL,
    `the ${service} could not handle the request; try again, and report the x-request-id if it keeps failing`,
    { cause },
  );
}
