import type { FakeLlmRequest } from './fake-llm.types';
import { findElement, isCompletionCheck, pageText, payloadOf, verdictFor } from './prompt.reader';

type WireAction = Record<string, unknown> & { action: string };

const answer = (reasoning: string, actions: WireAction[]) => JSON.stringify({ reasoning, actions });

/** Extraction schema of a checkout run: what `checkoutDemo` completes with. */
export const CHECKOUT_SCHEMA = {
  type: 'object',
  required: ['order_number'],
  properties: { order_number: { type: 'string', pattern: '^CK-\\d{6}$' } },
} as const;

export type CheckoutPage = 'cart' | 'shipping' | 'review' | 'done';

/** Which `/checkout` page a planning request shows (by its page text), e.g. to hold the call on `review`. */
export function checkoutPageOf(request: FakeLlmRequest): CheckoutPage | undefined {
  const text = pageText(request.promptText);
  if (/Order number:\s*CK-\d{6}/.test(text)) return 'done';
  const step = /Step ([123]) of 3/.exec(text)?.[1];
  return step === '1' ? 'cart' : step === '2' ? 'shipping' : step === '3' ? 'review' : undefined;
}

/**
 * Walks the `/checkout` fixture one page per step: cart → "Proceed to checkout"; shipping → fill name,
 * street, city from the payload and "Continue to review"; review → "Place order" (the counted side effect);
 * done → `complete` with the order number. Any other page gets a `terminate`.
 */
export function checkoutDemo(request: FakeLlmRequest): string {
  if (isCompletionCheck(request)) return verdictFor(request, /Order number:\s*CK-\d{6}/);
  const prompt = request.promptText;
  const placed = /Order number:\s*(CK-\d{6})/.exec(pageText(prompt));
  if (placed) {
    return answer('The order is placed.', [{ action: 'complete', extracted_data: { order_number: placed[1] } }]);
  }
  const button = (name: string) => findElement(prompt, { role: 'button', name });
  const place = button('Place order');
  if (place) return answer('Review looks right: place the order.', [{ action: 'click', element_id: place.id }]);
  const street = findElement(prompt, { role: 'textbox', name: 'Street address' });
  const next = button('Continue to review');
  if (street && next) {
    const payload = payloadOf(prompt);
    const value = (key: string, fallback: string) => {
      const given = payload[key];
      return typeof given === 'string' ? given : fallback;
    };
    const fields: Array<[string, string]> = [
      ['Full name', value('name', 'Ada Lovelace')],
      ['Street address', value('street', '1 Example Street')],
      ['City', value('city', 'Springfield')],
    ];
    const actions: WireAction[] = fields.flatMap(([name, text]) => {
      const input = findElement(prompt, { role: 'textbox', name });
      return input ? [{ action: 'input_text', element_id: input.id, value: text }] : [];
    });
    return answer('Fill the shipping address.', [...actions, { action: 'click', element_id: next.id }]);
  }
  const proceed = button('Proceed to checkout');
  if (proceed) return answer('Start the checkout.', [{ action: 'click', element_id: proceed.id }]);
  return answer('Not a checkout page.', [
    { action: 'terminate', value: 'fake-llm checkout demo: no checkout page here' },
  ]);
}
