import { isSecretKey } from '@webbyflow/common';

export const REDACTED = '[Redacted]';

/** Credentials every request may carry; pino drops their values from request and response logs. */
export const REDACTED_LOG_PATHS = [
  'req.headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

// Our API keys are `wf_<8 hex>_<secret>` (persistence's api-key.hasher); the prefix is public and stays.
const API_KEY = /\b(wf_[0-9a-f]{8})_[A-Za-z0-9_-]+/g;
// Walking stops here: log objects are small, and a deeper one is not worth the time on every line.
const MAX_DEPTH = 12;

/** `text` with any API key's secret part replaced, e.g. a key pasted into a URL or an error message. */
export const maskApiKeys = (text: string): string => text.replace(API_KEY, `$1_${REDACTED}`);

/**
 * A copy of a log field safe to write: values under secret-named keys (the payload rule, `isSecretKey`)
 * become `[Redacted]` and API keys in strings are masked. Only plain objects and arrays are walked;
 * class instances (requests, errors) are left to their serializers.
 */
export function redactLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskApiKeys(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactLogValue(item, depth + 1));
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSecretKey(key) && item !== null && item !== undefined ? REDACTED : redactLogValue(item, depth + 1);
  }
  return copy;
}

/** A request URL as logged: values of secret-named query parameters and API keys are hidden. */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return maskApiKeys(url);
  const params = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=', 1)[0];
      return pair.includes('=') && isSecretKey(safeDecode(name)) ? `${name}=${REDACTED}` : pair;
    });
  return maskApiKeys(`${url.slice(0, query)}?${params.join('&')}`);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
