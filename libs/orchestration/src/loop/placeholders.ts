import type { BrowserActionV1 } from '@webbyflow/contracts';

const PLACEHOLDER = /\{\{\s*payload\.([A-Za-z0-9_.-]+)\s*\}\}/g;

function lookup(payload: Record<string, unknown>, path: string): unknown {
  let value: unknown = payload;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Replaces `{{payload.a.b}}` with the payload value; unknown paths stay as written. */
export function substitute(text: string, payload: Record<string, unknown>): string {
  return text.replace(PLACEHOLDER, (whole, path: string) => {
    const value = lookup(payload, path);
    if (value === undefined || value === null) return whole;
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/**
 * The action as the browser must run it: secrets were sent to the model as placeholders and are
 * put back only here, at action time (ARCHITECTURE.md §6).
 */
export function withPayload(action: BrowserActionV1, payload: Record<string, unknown>): BrowserActionV1 {
  switch (action.type) {
    case 'input_text':
      return { ...action, text: substitute(action.text, payload) };
    case 'select_option':
      return { ...action, option: substitute(action.option, payload) };
    case 'goto_url':
      return { ...action, url: substitute(action.url, payload) };
    case 'click':
    case 'checkbox':
    case 'scroll':
    case 'wait':
      return action;
  }
}
