import type { FakeLlmRequest } from './fake-llm.types';
import { isCompletionCheck, listElements, pageText, payloadOf, verdictFor, type PromptElement } from './prompt.reader';

type WireAction = Record<string, unknown> & { action: string };

const FIELDS: Array<{ key: string; label: RegExp; fallback: string }> = [
  { key: 'name', label: /name/i, fallback: 'Ada Lovelace' },
  { key: 'email', label: /e-?mail/i, fallback: 'ada@example.com' },
  { key: 'message', label: /message|comment|question/i, fallback: 'Hello from the WebbyFlow fake LLM.' },
];

/**
 * The built-in script of `main.ts`: fills the contact form fixture from the payload (name, email,
 * message, topic), ticks required checkboxes, submits, then completes with the confirmation number
 * the page shows. Any other page gets a `terminate`, so a demo never loops. A completion check is answered "met"
 * when the page shows the confirmation number.
 */
export function contactFormDemo(request: FakeLlmRequest): string {
  if (isCompletionCheck(request)) return verdictFor(request, /Confirmation number:/i);
  const prompt = request.promptText;
  const confirmation = /Confirmation number:\s*([A-Za-z0-9-]+)/i.exec(pageText(prompt));
  if (confirmation) {
    return answer('The page shows the confirmation number, so the form was sent.', [
      {
        action: 'complete',
        extracted_data: { confirmation_number: confirmation[1] },
        reasoning: 'Read from the page text.',
      },
    ]);
  }
  const payload = payloadOf(prompt);
  const elements = listElements(prompt);
  const actions: WireAction[] = [];
  const used = new Set<string>();
  for (const field of FIELDS) {
    const element = elements.find((e) => isTextInput(e) && !used.has(e.id) && field.label.test(e.name));
    if (!element) continue;
    used.add(element.id);
    actions.push({
      action: 'input_text',
      element_id: element.id,
      value: valueFor(payload, field.key) ?? field.fallback,
    });
  }
  const topic = elements.find((e) => e.options.length > 0 && /topic|subject|reason/i.test(e.name));
  const option = topic && chooseOption(topic, valueFor(payload, 'topic'));
  if (topic && option !== undefined) actions.push({ action: 'select_option', element_id: topic.id, value: option });
  for (const box of elements.filter(
    (e) => e.role === 'checkbox' && /\brequired\b/.test(e.attributes) && /\bunchecked\b/.test(e.attributes),
  )) {
    actions.push({ action: 'checkbox', element_id: box.id, value: true });
  }
  const submit = elements.find((e) => e.role === 'button' && /submit|send/i.test(e.name));
  if (actions.length === 0 || !submit) {
    return answer('This demo only knows the contact form fixture.', [
      {
        action: 'terminate',
        value: 'fake-llm demo: no contact form (name/email/message fields and a submit button) on this page',
      },
    ]);
  }
  actions.push({ action: 'click', element_id: submit.id, reasoning: 'Send the form.' });
  return answer('Fill the contact form from the payload and submit it.', actions);
}

function answer(reasoning: string, actions: WireAction[]): string {
  return JSON.stringify({ reasoning, actions });
}

function isTextInput(element: PromptElement): boolean {
  return (
    element.role === 'textbox' ||
    element.role === 'searchbox' ||
    element.role === 'textarea' ||
    element.role === 'input'
  );
}

/** `payload.email`, else the first key containing the word (e.g. `your_email`). */
function valueFor(payload: Record<string, unknown>, key: string): string | undefined {
  const exact = payload[key];
  const entry = exact !== undefined ? exact : Object.entries(payload).find(([k]) => k.toLowerCase().includes(key))?.[1];
  return typeof entry === 'string' || typeof entry === 'number' ? String(entry) : undefined;
}

function chooseOption(select: PromptElement, wanted: string | undefined): string | undefined {
  const options = select.options.filter((o) => o.value !== '');
  if (wanted !== undefined) {
    const lower = wanted.toLowerCase();
    const match = options.find((o) => o.value.toLowerCase() === lower || o.label.toLowerCase() === lower);
    if (match) return match.value;
  }
  return options[0]?.value;
}
