import { isSecretKey } from '@webbyflow/common';

// The rule is shared with log redaction; re-exported because the llm lib's callers know it from here.
export { isSecretKey };

/** A placeholder the orchestrator replaces at action time; dotted for nested values. */
export function placeholder(path: readonly string[]): string {
  return `{{payload.${path.join('.')}}}`;
}

/** The payload as one JSON object, secret values replaced by their placeholders. */
export function formatPayload(payload: Record<string, unknown>): string {
  const keys = Object.keys(payload);
  if (keys.length === 0) return '(empty)';
  const shown = maskSecrets(payload, []);
  const secrets = JSON.stringify(shown) !== JSON.stringify(payload);
  return [
    JSON.stringify(shown, null, 1).replace(/\n\s*/g, ' '),
    'Write a value as given, or as its placeholder {{payload.<key>}} (dotted for nested keys).',
    ...(secrets ? ['Secret values are shown only as placeholders: write the placeholder exactly.'] : []),
  ].join('\n');
}

function maskSecrets(value: Record<string, unknown>, path: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const at = [...path, key];
    if (isSecretKey(key)) out[key] = placeholder(at);
    else if (item !== null && typeof item === 'object' && !Array.isArray(item))
      out[key] = maskSecrets(item as Record<string, unknown>, at);
    else out[key] = item;
  }
  return out;
}
