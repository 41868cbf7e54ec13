import { secret } from '@webbyflow/common';
import { z } from 'zod';

/** Settings of webhook signing secrets; the gateway (rotation) and the orchestrator (signing) both read them. */
export const webhookSecretConfigSchema = z.object({
  /**
   * 32-byte key (base64 or 64 hex digits) that encrypts webhook signing secrets at rest (AES-256-GCM).
   * Unset: secrets are stored in clear. Set the same value on the gateway and the orchestrator.
   */
  WEBHOOK_SECRET_KEY: secret(
    z
      .string()
      .refine((value) => keyBytes(value) !== null, 'must be 32 bytes as base64 or 64 hex digits')
      .optional(),
  ),
});
export type WebhookSecretConfig = z.output<typeof webhookSecretConfigSchema>;

/** The key's bytes, or null when it is not 32 bytes of hex or base64. */
export function keyBytes(value: string): Buffer | null {
  const bytes = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  return bytes.length === 32 ? bytes : null;
}
