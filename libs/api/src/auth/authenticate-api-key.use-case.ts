import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { toErrorInfo } from '@webbyflow/common';
import { ApiKeyEntity, hashApiKey, parseApiKeyPrefix, verifyApiKey } from '@webbyflow/persistence';
import type { Repository } from 'typeorm';
import { unauthenticated } from '../errors/api.exception';
import { serviceUnavailable } from '../errors/query-error.mapper';
import type { Principal } from './principal';

/** `last_used_at` is written at most this often per key, so busy keys do not write on every call. */
export const LAST_USED_RESOLUTION_MS = 60_000;

// Compared against when no key has the presented prefix, so a miss costs what a hit costs.
const DECOY_HASH = hashApiKey('wf_00000000_decoy-key-that-never-matches-anything');

/** Checks an `x-api-key` header: known prefix, matching hash (constant time), not revoked. */
@Injectable()
export class AuthenticateApiKeyUseCase {
  private readonly logger = new Logger(AuthenticateApiKeyUseCase.name);
  /** When this process last wrote `last_used_at` per key id: a burst of calls on one key writes once, not once each. */
  private readonly touchedAt = new Map<string, number>();

  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  async execute(presented: string | undefined, now = new Date()): Promise<Principal> {
    const prefix = presented ? parseApiKeyPrefix(presented) : null;
    if (!presented || !prefix) throw unauthenticated();
    const key = await this.keys.findOne({ where: { prefix } }).catch((error: unknown) => {
      throw serviceUnavailable('API key store', error);
    });
    const matches = verifyApiKey(presented, key?.keyHash ?? DECOY_HASH);
    if (!key || !matches || key.revokedAt !== null) throw unauthenticated();
    await this.touch(key, now);
    return { orgId: key.orgId, apiKeyId: key.id, keyPrefix: key.prefix };
  }

  /** Records use; a failure here must not fail the caller's request. */
  private async touch(key: ApiKeyEntity, now: Date): Promise<void> {
    if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    if (now.getTime() - (this.touchedAt.get(key.id) ?? -Infinity) < LAST_USED_RESOLUTION_MS) return;
    this.touchedAt.set(key.id, now.getTime());
    const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    try {
      // Conditional, so concurrent requests on several gateways write once per minute in total.
      await this.keys
        .createQueryBuilder()
        .update(ApiKeyEntity)
        .set({ lastUsedAt: now })
        .where('id = :id', { id: key.id })
        .andWhere('(last_used_at IS NULL OR last_used_at < :staleBefore)', { staleBefore })
        .execute();
    } catch (error) {
      this.logger.warn(`could not record use of API key ${key.prefix}: ${toErrorInfo(error).message}`);
    }
  }
}
