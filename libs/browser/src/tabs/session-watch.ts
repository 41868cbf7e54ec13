import type { DialogRecordV1 } from '@webbyflow/contracts';
import type { Download } from 'playwright-core';

/** What happened in a session while one action ran, beyond its own page. Stop it when the action is done. */
export class SessionWatch {
  /** Ids of the tabs that opened, oldest first. */
  readonly openedTabs: string[] = [];
  readonly dialogs: DialogRecordV1[] = [];
  /** Downloads that started; they may still be running. */
  readonly downloads: Download[] = [];

  constructor(private readonly onStop: (watch: SessionWatch) => void) {}

  stop(): void {
    this.onStop(this);
  }
}
