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
  return mapActionText(action, (text) => substitute(text, payload));
}

/** The action with `map` applied to every text field that may hold payload data (typed text, options, URLs, keys). */
export function mapActionText(action: BrowserActionV1, map: (text: string) => string): BrowserActionV1 {
  switch (action.type) {
    case 'input_text':
      return { ...action, text: map(action.text) };
    case 'select_option':
      return { ...action, option: map(action.option) };
    case 'goto_url':
      return { ...action, url: map(action.url) };
    case 'new_tab':
      return action.url === undefined ? action : { ...action, url: map(action.url) };
    case 'keypress':
      return { ...action, keys: map(action.keys) };
    case 'wait':
      return action.text === undefined ? action : { ...action, text: map(action.text) };
    case 'upload_file':
      return {
        ...action,
        files: action.files.map((file) => ('url' in file ? { ...file, url: map(file.url) } : file)),
      };
    case 'click':
    case 'checkbox':
    case 'scroll':
    case 'hover':
    case 'drag_and_drop':
    case 'go_back':
    case 'go_forward':
    case 'reload':
    case 'switch_tab':
    case 'close_tab':
      return action;
  }
}
