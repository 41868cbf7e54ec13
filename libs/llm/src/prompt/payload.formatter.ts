const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'passphrase',
  'pass',
  'pwd',
  'secret',
  'token',
  'apikey',
  'cvv',
  'cvc',
  'pin',
  'otp',
  'ssn',
  'iban',
  'credential',
  'credentials',
]);
const SECRET_PAIRS = ['api_key', 'private_key', 'access_key', 'card_number', 'security_code'];

/** Keys whose values never reach the model: it sees `{{payload.<key>}}` and the orchestrator substitutes it. */
export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const joined = `_${words.join('_')}_`;
  return words.some((word) => SECRET_WORDS.has(word)) || SECRET_PAIRS.some((pair) => joined.includes(`_${pair}_`));
}

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
