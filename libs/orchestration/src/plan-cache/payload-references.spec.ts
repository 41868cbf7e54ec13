import { referencePayload, withPayloadReferences } from './payload-references';

describe(referencePayload.name, () => {
  const payload = { name: 'Ada Lovelace', first: 'Ada', qty: 2, contact: { email: 'ada@example.com' } };

  it('should turn a whole value into its reference', () => {
    expect(referencePayload('Ada Lovelace', payload)).toBe('{{payload.name}}');
    expect(referencePayload('2', payload)).toBe('{{payload.qty}}');
  });

  it('should reference long values inside a text, longest first, and leave short chance matches', () => {
    expect(referencePayload('Dear Ada Lovelace, reply to ada@example.com', payload)).toBe(
      'Dear {{payload.name}}, reply to {{payload.contact.email}}',
    );
    expect(referencePayload('Room 12', payload)).toBe('Room 12');
  });

  it('should store a typed action with no payload value in it', () => {
    const action = withPayloadReferences(
      { type: 'input_text', elementId: 'e1', text: 'ada@example.com', pressEnter: false, reasoning: '' },
      payload,
    );
    expect(action).toMatchObject({ text: '{{payload.contact.email}}' });
  });
});
