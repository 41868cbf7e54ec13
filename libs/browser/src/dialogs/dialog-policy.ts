import type { DialogRecordV1 } from '@webbyflow/contracts';

/** What to do with confirm, prompt and beforeunload dialogs (BrowserOptionsV1.dialogs); alerts are always accepted. */
export type DialogPolicy = 'accept' | 'dismiss';

/** The dialog as Playwright reports it. */
export interface DialogSeen {
  type: string;
  message: string;
  defaultValue: string;
}

/** Long messages are cut: the record travels in every action result and scrape. */
export const MAX_DIALOG_MESSAGE_CHARS = 500;

/** How to answer a dialog under the policy, as the record the run will see. */
export function answerDialog(dialog: DialogSeen, policy: DialogPolicy): DialogRecordV1 {
  const type = dialogType(dialog.type);
  const handled = type === 'alert' || policy === 'accept' ? 'accepted' : 'dismissed';
  const record: DialogRecordV1 = { type, message: clip(dialog.message), handled };
  // a prompt "accepted" with its default value is what a user pressing OK would send
  if (type === 'prompt' && handled === 'accepted') record.promptText = dialog.defaultValue;
  return record;
}

function dialogType(type: string): DialogRecordV1['type'] {
  switch (type) {
    case 'confirm':
    case 'prompt':
    case 'beforeunload':
      return type;
    default:
      return 'alert';
  }
}

function clip(message: string): string {
  return message.length > MAX_DIALOG_MESSAGE_CHARS ? `${message.slice(0, MAX_DIALOG_MESSAGE_CHARS - 1)}…` : message;
}
