import { Injectable } from '@nestjs/common';
import { WebhookSecretStore } from '@webbyflow/persistence';
import type { Principal } from '../auth/principal';
import type { WebhookSecretResponse } from './webhook.response';

/**
 * Issues a new signing secret for the caller's org and returns it this once. Orgs and their keys are the
 * gateway's (like API keys), so it writes the table itself; the orchestrator only reads the secret to sign.
 */
@Injectable()
export class RotateWebhookSecretUseCase {
  constructor(private readonly secrets: WebhookSecretStore) {}

  async execute(principal: Principal): Promise<WebhookSecretResponse> {
    const { secret, createdAt } = await this.secrets.rotate(principal.orgId);
    return { secret, created_at: createdAt.toISOString() };
  }
}
