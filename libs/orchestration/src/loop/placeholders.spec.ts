import { substitute, withPayload } from './placeholders';

describe('withPayload', () => {
  it('should substitute nested payload placeholders when the action types text', () => {
    const action = withPayload(
      { type: 'input_text', elementId: 'e1', text: '{{payload.user.email}}', pressEnter: false, reasoning: '' },
      { user: { email: 'ada@example.com' } },
    );
    expect(action).toMatchObject({ text: 'ada@example.com' });
  });

  it('should leave unknown placeholders as written when the payload lacks the key', () => {
    expect(substitute('hi {{payload.missing}}', {})).toBe('hi {{payload.missing}}');
  });
});
