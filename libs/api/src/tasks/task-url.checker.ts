import type { AddressGuard } from '@webbyflow/common';
import { AddressGuardException } from '@webbyflow/common';
import type { TaskSpecV1 } from '@webbyflow/contracts';
import { ApiException, ApiExceptionCode, type FieldProblem } from '../errors/api.exception';

/** How long a task's host may take to resolve before it is let through unchecked (the run then fails on it). */
export const URL_RESOLVE_TIMEOUT_MS = 2_000;

/**
 * Refuses task and webhook URLs that resolve to loopback, private, link-local… addresses unless the
 * operator allows them, so the API cannot be used to reach the platform's own network. A second check
 * happens when a webhook connects (the orchestrator's guard), which DNS rebinding cannot get around.
 */
export class TaskUrlChecker {
  constructor(
    private readonly taskUrls: AddressGuard,
    private readonly webhookUrls: AddressGuard,
  ) {}

  async check(spec: TaskSpecV1): Promise<void> {
    const problems = (
      await Promise.all([
        this.problemWith('url', spec.url, this.taskUrls),
        spec.webhookUrl ? this.problemWith('webhook_url', spec.webhookUrl, this.webhookUrls) : null,
      ])
    ).filter((problem): problem is FieldProblem => problem !== null);
    if (problems.length === 0) return;
    const summary = problems.map((p) => `${p.field} ${p.message}`).join('; ');
    throw new ApiException(ApiExceptionCode.VALIDATION_FAILED, `the request body is invalid: ${summary}`, {
      fields: problems,
    });
  }

  private async problemWith(field: string, url: string, guard: AddressGuard): Promise<FieldProblem | null> {
    try {
      await guard.checkUrl(url, URL_RESOLVE_TIMEOUT_MS);
      return null;
    } catch (error) {
      if (!(error instanceof AddressGuardException)) throw error;
      return { field, message: `must not point to an internal address: ${error.message}` };
    }
  }
}
