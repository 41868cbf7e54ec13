import { checkoutDemo, checkoutPageOf } from './checkout.demo';
import type { FakeLlmRequest } from './fake-llm.types';

const request = (elements: string, text: string) =>
  ({
    promptText: `## Payload\n{"name":"Ada","city":"Paris"}\n\n## Elements\n${elements}\n\n<page_text>\n${text}\n</page_text>`,
  }) as FakeLlmRequest;

const actions = (reply: string) => (JSON.parse(reply) as { actions: Array<Record<string, unknown>> }).actions;

describe(checkoutDemo.name, () => {
  it('should start the checkout on the cart page', () => {
    const cart = request('e3 button Proceed to checkout', 'Step 1 of 3: Your cart');
    expect(checkoutPageOf(cart)).toBe('cart');
    expect(actions(checkoutDemo(cart))).toEqual([{ action: 'click', element_id: 'e3' }]);
  });

  it('should fill the address from the payload, with fallbacks, and continue', () => {
    const shipping = request(
      'e1 textbox Full name\ne2 textbox Street address\ne4 textbox City\ne5 button Continue to review',
      'Step 2 of 3: Shipping address',
    );
    expect(checkoutPageOf(shipping)).toBe('shipping');
    expect(actions(checkoutDemo(shipping))).toEqual([
      { action: 'input_text', element_id: 'e1', value: 'Ada' },
      { action: 'input_text', element_id: 'e2', value: '1 Example Street' },
      { action: 'input_text', element_id: 'e4', value: 'Paris' },
      { action: 'click', element_id: 'e5' },
    ]);
  });

  it('should place the order on the review page and complete with the number it shows', () => {
    const review = request('e9 button Place order', 'Step 3 of 3: Review your order');
    expect(actions(checkoutDemo(review))).toEqual([{ action: 'click', element_id: 'e9' }]);
    const done = request('', 'Thank you for your order\nOrder number: CK-012345');
    expect(checkoutPageOf(done)).toBe('done');
    expect(actions(checkoutDemo(done))).toEqual([
      { action: 'complete', extracted_data: { order_number: 'CK-012345' } },
    ]);
  });
});
