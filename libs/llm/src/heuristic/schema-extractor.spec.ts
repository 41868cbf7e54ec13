import { coerce, extractFromPage } from './schema-extractor';

const schema = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
});

describe('extractFromPage', () => {
  it('should read label and value from definition-list lines and "Label: value" lines', () => {
    const text = ['Order summary', 'Order number', 'A-77', 'Total: €1,299.50', 'Gift wrap', 'Yes'].join('\n');
    const out = extractFromPage(
      schema({ order_id: { type: 'string' }, total: { type: 'number' }, gift_wrap: { type: 'boolean' } }),
      { text, title: 'Order' },
    );
    expect(out.data).toEqual({ order_id: 'A-77', total: 1299.5, gift_wrap: true });
  });

  it('should read two-cell table rows and the title when asked for a heading', () => {
    const out = extractFromPage(schema({ status: { type: 'string' }, title: { type: 'string' } }), {
      text: 'Shipment\nStatus\tIn transit',
      title: 'Shipment 42',
    });
    expect(out.data).toEqual({ status: 'In transit', title: 'Shipment 42' });
  });

  it('should list missing required fields when the page does not show them', () => {
    const out = extractFromPage(schema({ price: { type: 'number' } }, ['price']), { text: 'Nothing here', title: '' });
    expect(out.missingRequired).toEqual(['price']);
  });
});

describe('coerce', () => {
  it('should match enums by synonym and refuse non-numbers for number fields', () => {
    expect(coerce('Telephone', { enum: ['email', 'phone'] })).toBe('phone');
    expect(coerce('n/a', { type: 'number' })).toBeUndefined();
  });
});
