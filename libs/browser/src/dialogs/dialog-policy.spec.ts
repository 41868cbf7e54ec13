import { answerDialog, MAX_DIALOG_MESSAGE_CHARS } from './dialog-policy';

describe(answerDialog.name, () => {
  const seen = (type: string, message = 'Sure?', defaultValue = '') => ({ type, message, defaultValue });

  it('should accept an alert even when the policy dismisses dialogs', () => {
    expect(answerDialog(seen('alert', 'Saved'), 'dismiss')).toEqual({
      type: 'alert',
      message: 'Saved',
      handled: 'accepted',
    });
  });

  it('should follow the policy for confirm, prompt and beforeunload', () => {
    for (const type of ['confirm', 'prompt', 'beforeunload']) {
      expect(answerDialog(seen(type), 'accept').handled).toBe('accepted');
      expect(answerDialog(seen(type), 'dismiss').handled).toBe('dismissed');
    }
  });

  it('should answer an accepted prompt with its default value and a dismissed one with nothing', () => {
    expect(answerDialog(seen('prompt', 'Name?', 'Ada'), 'accept')).toMatchObject({ promptText: 'Ada' });
    expect(answerDialog(seen('prompt', 'Name?', 'Ada'), 'dismiss').promptText).toBeUndefined();
  });

  it('should cut a long message when the page shows one', () => {
    const record = answerDialog(seen('alert', 'x'.repeat(5_000)), 'accept');
    expect(record.message).toHaveLength(MAX_DIALOG_MESSAGE_CHARS);
    expect(record.message.endsWith('…')).toBe(true);
  });
});
