import { type ApiKeyEntity, generateApiKey } from '@webbyflow/persistence';
import type { Repository } from 'typeorm';
import { ApiExceptionCode } from '../errors/api.exception';
import { AuthenticateApiKeyUseCase, LAST_USED_RESOLUTION_MS } from './authenticate-api-key.use-case';

const now = new Date('2026-11-23T12:00:00Z');

function setup(stored: Partial<ApiKeyEntity> | null | Error) {
  const execute = jest.fn().mockResolvedValue({ affected: 1 });
  const chain = { update: () => chain, set: () => chain, where: () => chain, andWhere: () => chain, execute };
  const findOne = jest.fn(() => (stored instanceof Error ? Promise.reject(stored) : Promise.resolve(stored)));
  const keys = { findOne, createQueryBuilder: () => chain } as unknown as Repository<ApiKeyEntity>;
  return { useCase: new AuthenticateApiKeyUseCase(keys), findOne, touched: execute };
}

function storedKey(overrides: Partial<ApiKeyEntity> = {}) {
  const generated = generateApiKey();
  const entity: Partial<ApiKeyEntity> = {
    id: 'key-1',
    orgId: 'org-1',
    prefix: generated.prefix,
    keyHash: generated.keyHash,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
  return { key: generated.key, entity };
}

describe(AuthenticateApiKeyUseCase.name, () => {
  it('should answer the key’s org and record its use when the key is valid', async () => {
    const { key, entity } = storedKey();
    const { useCase, findOne, touched } = setup(entity);
    await expect(useCase.execute(key, now)).resolves.toEqual({
      orgId: 'org-1',
      apiKeyId: 'key-1',
      keyPrefix: entity.prefix,
    });
    expect(findOne).toHaveBeenCalledWith({ where: { prefix: entity.prefix } });
    expect(touched).toHaveBeenCalledTimes(1);
  });

  it('should not write last_used_at again when the key was used less than a minute ago', async () => {
    const { key, entity } = storedKey({ lastUsedAt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS + 1000) });
    const { useCase, touched } = setup(entity);
    await useCase.execute(key, now);
    expect(touched).not.toHaveBeenCalled();
  });

  it('should write last_used_at once for a burst of calls that all read the key before the first write', async () => {
    const { key, entity } = storedKey(); // every call of the burst reads last_used_at as never
    const { useCase, touched } = setup(entity);
    await Promise.all([1, 2, 3].map(() => useCase.execute(key, now)));
    await useCase.execute(key, new Date(now.getTime() + LAST_USED_RESOLUTION_MS - 1));
    expect(touched).toHaveBeenCalledTimes(1);
    await useCase.execute(key, new Date(now.getTime() + LAST_USED_RESOLUTION_MS));
    expect(touched).toHaveBeenCalledTimes(2);
  });

  it.each([undefined, '', 'Bearer abc', 'wf_0123abcd_short'])(
    'should answer UNAUTHENTICATED without a lookup when the header is %p',
    async (header) => {
      const { useCase, findOne } = setup(null);
      await expect(useCase.execute(header, now)).rejects.toMatchObject({ code: ApiExceptionCode.UNAUTHENTICATED });
      expect(findOne).not.toHaveBeenCalled();
    },
  );

  it('should answer UNAUTHENTICATED when no key has the prefix, the secret differs or the key is revoked', async () => {
    const { key, entity } = storedKey();
    const wrongSecret = `${entity.prefix}_${'x'.repeat(43)}`;
    for (const [presented, stored] of [
      [key, null],
      [wrongSecret, entity],
      [key, { ...entity, revokedAt: new Date() }],
    ] as const) {
      const { useCase } = setup(stored);
      await expect(useCase.execute(presented, now)).rejects.toMatchObject({ code: ApiExceptionCode.UNAUTHENTICATED });
    }
  });

  it('should answer SERVICE_UNAVAILABLE when the key store cannot be read', async () => {
    const { key } = storedKey();
    const { useCase } = setup(new Error('connection refused'));
    await expect(useCase.execute(key, now)).rejects.toMatchObject({ code: ApiExceptionCode.SERVICE_UNAVAILABLE });
  });
});
