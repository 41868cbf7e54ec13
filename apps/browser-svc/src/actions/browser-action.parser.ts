import { BrowserException, BrowserExceptionCode } from '@webbyflow/browser';
import { ActionV1, isBrowserAction, type BrowserActionV1 } from '@webbyflow/contracts';

/**
 * Checks the action of an execute_action command: the catalogue types it but does not validate it, and
 * `complete` / `terminate` are decisions for the orchestrator, not browser actions. Failures are terminal.
 */
export function parseBrowserAction(value: unknown): BrowserActionV1 {
  const parsed = ActionV1.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'action'}: ${i.message}`).join('; ');
    throw new BrowserException(BrowserExceptionCode.INVALID_ACTION, `Invalid action: ${problems}`);
  }
  if (!isBrowserAction(parsed.data)) {
    throw new BrowserException(
      BrowserExceptionCode.INVALID_ACTION,
      `"${parsed.data.type}" is not a browser action; the orchestrator handles it`,
    );
  }
  return parsed.data;
}
