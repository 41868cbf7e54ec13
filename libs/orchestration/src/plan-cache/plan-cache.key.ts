import { createHash } from 'node:crypto';

/**
 * What makes two tasks "the same" for the action-plan cache (issue #4): the site and path shape, the goal
 * and which payload keys exist (never their values), each normalised so that runs differing only in ids,
 * casing or payload values share one entry. The fourth part, the shape of the first page, is only known
 * once it is scraped: the entry keeps the print, and replaying the first step requires the page to match it
 * (`replayCachedStep(..., { samePage: true })`), which is the same as keying by it with one entry per key.
 */
export interface PlanCacheKeyParts {
  urlPattern: string;
  goal: string;
  payloadKeys: string[];
}

/** A path segment that names one record rather than a place in the site: numbers, uuids, long hex, slugs with digits. */
const VARIABLE_SEGMENT = [
  /^\d+$/,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^[0-9a-f]{16,}$/i,
  /^(?=.*\d)[A-Za-z0-9_-]{12,}$/,
];

/**
 * `https://Shop.example.com:443/orders/123/edit?b=2&a=1#x` → `https://shop.example.com/orders/:id/edit?a&b`:
 * lower-case host, default port dropped, record ids as `:id`, query keys sorted without values, no fragment.
 */
export function normalizeUrlPattern(url: string): string {
  const parsed = new URL(url);
  const path = parsed.pathname
    .split('/')
    .map((segment) => (VARIABLE_SEGMENT.some((re) => re.test(segment)) ? ':id' : segment))
    .join('/');
  const keys = [...new Set([...parsed.searchParams.keys()])].sort();
  return `${parsed.protocol}//${parsed.host.toLowerCase()}${path}${keys.length ? `?${keys.join('&')}` : ''}`;
}

/** Case, punctuation at the ends and runs of white space do not change what a goal asks. */
export function normalizeGoal(goal: string): string {
  return goal
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s.!?]+|[\s.!?]+$/g, '');
}

/** Dotted paths of every leaf in the payload, sorted: `{a: {b: 1}, c: [2]}` → `['a.b', 'c']`. */
export function payloadKeys(payload: Record<string, unknown>): string[] {
  const keys: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 0 && path) keys.push(path);
      for (const [key, inner] of entries) walk(inner, path ? `${path}.${key}` : key);
    } else if (path) keys.push(path);
  };
  walk(payload, '');
  return keys.sort();
}

export function planCacheKeyParts(spec: {
  url: string;
  goal: string;
  payload: Record<string, unknown>;
}): PlanCacheKeyParts {
  return {
    urlPattern: normalizeUrlPattern(spec.url),
    goal: normalizeGoal(spec.goal),
    payloadKeys: payloadKeys(spec.payload),
  };
}

/** One hex key for an entry, from the normalised parts. */
export function planCacheKey(parts: PlanCacheKeyParts): string {
  return sha256(JSON.stringify([parts.urlPattern, parts.goal, parts.payloadKeys]));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
