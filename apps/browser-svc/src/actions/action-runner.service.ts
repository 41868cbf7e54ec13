import { Injectable } from '@nestjs/common';
import { ActionExecutor, BrowserSessionManager } from '@webbyflow/browser';
import type { ActionResultV1, BrowserActionV1 } from '@webbyflow/contracts';

/** Executes an action in the run's session; closing the session aborts it (its signal fires). */
@Injectable()
export class ActionRunner {
  constructor(
    private readonly sessions: BrowserSessionManager,
    private readonly executor: ActionExecutor,
  ) {}

  async run(taskId: string, action: BrowserActionV1): Promise<ActionResultV1> {
    const session = this.sessions.get(taskId);
    return this.executor.execute(session, action, session.signal);
  }
}
