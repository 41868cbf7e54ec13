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

/**
 * Whether a key (of a task payload, a log field …) names a secret, judged by its words in any case
 * style (`newPassword`, `API_KEY`, `client-secret`). The one rule for "secret": the planner shows
 * such values only as placeholders, and logs show them as `[Redacted]`.
 */
export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const joined = `_${words.join('_')}_`;
  return words.some((word) => SECRET_WORDS.has(word)) || SECRET_PAIRS.some((pair) => joined.includes(`_${pair}_`));
}
