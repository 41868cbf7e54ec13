import type { DialogRecordV1 } from '@webbyflow/contracts';
import type { BrowserContext, Dialog } from 'playwright-core';
import { answerDialog, type DialogPolicy } from './dialog-policy';

/** Records kept for the next scrape; older ones are dropped (a page looping on alert() must not grow it). */
const BUFFER_SIZE = 20;

/**
 * Answers every JavaScript dialog of a context as soon as it opens (an unanswered dialog freezes its page,
 * and every action on it would hang), and records it for the running action and the next scrape.
 */
export class DialogRecorder {
  private buffer: DialogRecordV1[] = [];

  constructor(
    context: BrowserContext,
    private readonly policy: DialogPolicy,
    private readonly onRecord: (record: DialogRecordV1) => void,
  ) {
    context.on('dialog', (dialog) => this.handle(dialog));
  }

  /** The records since the previous call (the scrape drains them). */
  drain(): DialogRecordV1[] {
    const records = this.buffer;
    this.buffer = [];
    return records;
  }

  private handle(dialog: Dialog): void {
    const record = answerDialog(
      { type: dialog.type(), message: dialog.message(), defaultValue: dialog.defaultValue() },
      this.policy,
    );
    this.buffer = [...this.buffer, record].slice(-BUFFER_SIZE);
    this.onRecord(record);
    // fails only when the page went away meanwhile, which its close event reports
    const answered = record.handled === 'accepted' ? dialog.accept(record.promptText) : dialog.dismiss();
    answered.catch(() => undefined);
  }
}
