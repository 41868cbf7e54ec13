import type { ActionV1, HistoryEntryV1 } from '@webbyflow/contracts';
import { quote } from './element-list.formatter';

/** `- step 1: input_text e3 "ada@example.com" -> ok`, oldest first, in the wire vocabulary. */
export function formatHistory(history: readonly HistoryEntryV1[], maxEntries: number): string {
  if (history.length === 0) return '(no actions yet)';
  const shown = history.slice(-maxEntries);
  const lines = shown.map(
    (entry) => `- step ${entry.stepIndex + 1}: ${describeAction(entry.action)} -> ${describeResult(entry.result)}`,
  );
  const omitted = history.length - shown.length;
  return omitted > 0 ? [`(${omitted} earlier actions omitted)`, ...lines].join('\n') : lines.join('\n');
}

export function describeAction(action: ActionV1): string {
  const q = (text: string) => quote(text, 120);
  switch (action.type) {
    case 'click':
      return `click ${action.elementId}${action.mode && action.mode !== 'single' ? ` ${action.mode}` : ''}`;
    case 'input_text':
      return `input_text ${action.elementId} ${q(action.text)}${action.clear === false ? ' append' : ''}${action.pressEnter ? ' press_enter' : ''}`;
    case 'select_option':
      return `select_option ${action.elementId} ${q(action.option)}`;
    case 'checkbox':
      return `checkbox ${action.elementId} ${String(action.checked)}`;
    case 'goto_url':
      return `goto_url ${q(action.url)}`;
    case 'scroll':
      return `scroll ${action.direction}${action.elementId ? ` ${action.elementId}` : ''}`;
    case 'upload_file':
      return `upload_file ${action.elementId} ${action.files.length} file(s)`;
    case 'hover':
      return `hover ${action.elementId}`;
    case 'keypress':
      return `keypress ${q(action.keys)}${action.elementId ? ` ${action.elementId}` : ''}`;
    case 'drag_and_drop':
      return `drag_and_drop ${action.elementId} ${action.targetElementId}`;
    case 'go_back':
    case 'go_forward':
    case 'reload':
      return action.type;
    case 'new_tab':
      return `new_tab${action.url ? ` ${q(action.url)}` : ''}`;
    case 'switch_tab':
      return `switch_tab ${action.tabId}`;
    case 'close_tab':
      return `close_tab${action.tabId ? ` ${action.tabId}` : ''}`;
    case 'wait': {
      const until = action.text
        ? ` text ${q(action.text)}`
        : action.elementId
          ? ` ${action.elementId}`
          : action.settle
            ? ' settle'
            : '';
      return `wait ${action.ms}${until}`;
    }
    case 'complete':
      return 'complete';
    case 'terminate':
      return `terminate ${q(action.reason)}`;
  }
}

function describeResult(result: HistoryEntryV1['result']): string {
  if (result.success) return 'ok';
  return `failed${result.error ? `: ${quote(result.error, 200)}` : ''}`;
}
