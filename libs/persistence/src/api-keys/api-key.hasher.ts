import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `wf_<8 hex>` then `_` and at least 32 base64url characters (we issue 43: 32 random bytes). */
const API_KEY_PATTERN = /^(wf_[0-9a-f]{8})_[A-Za-z0-9_-]{32,128}$/;

export interface GeneratedApiKey {
  /** The whole key; shown once to its owner, never stored. */
  key: string;
  /** Public start of the key, e.g. `wf_ab12cd34`; stored and safe to log. */
  prefix: string;
  /** sha256 hex of `key`; what `api_keys.key_hash` holds. */
  keyHash: string;
}

/** sha256 hex of the full key: the gateway hashes a presented key with this and looks the hash up. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random key with its prefix and hash. */
export function generateApiKey(): GeneratedApiKey {
  const prefix = `wf_${randomBytes(4).toString('hex')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, keyHash: hashApiKey(key) };
}

/** The prefix of a well-formed key, or null when `key` does not have our format (reject before any lookup). */
export function parseApiKeyPrefix(key: string): string | null {
  return API_KEY_PATTERN.exec(key)?.[1] ?? null;
}

/** Constant-time check of a presented key against a stored hash. */
export function verifyApiKey(key: string, keyHash: string): boolean {
  const expected = Buffer.from(keyHash, 'hex');
  const actual = Buffer.from(hashApiKey(key), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
