import { ConfigException, redact } from '@webbyflow/common';
import { artifactsConfigSchema, createStorageDriver, loadArtifactsConfig } from './artifacts.config';
import { ValidatingStorageDriver } from './artifacts/storage/validating-storage.driver';

describe('loadArtifactsConfig', () => {
  it('should default to local storage under ./.data/artifacts with a 25 MiB cap', () => {
    expect(loadArtifactsConfig({})).toMatchObject({
      ARTIFACT_STORAGE: 'local',
      ARTIFACT_DIR: './.data/artifacts',
      ARTIFACT_MAX_BYTES: 25 * 1024 * 1024,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: false,
    });
  });

  it('should require S3_BUCKET when ARTIFACT_STORAGE=s3', () => {
    expect(() => loadArtifactsConfig({ ARTIFACT_STORAGE: 's3' })).toThrow(ConfigException);
    expect(() => loadArtifactsConfig({ ARTIFACT_STORAGE: 's3' })).toThrow(/S3_BUCKET/);
  });

  it('should require both S3 credentials or neither', () => {
    expect(() => loadArtifactsConfig({ S3_ACCESS_KEY_ID: 'id' })).toThrow(/S3_SECRET_ACCESS_KEY/);
  });

  it('should mark the S3 secret as secret', () => {
    const config = loadArtifactsConfig({
      ARTIFACT_STORAGE: 's3',
      S3_BUCKET: 'b',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'shh',
    });
    expect(redact(artifactsConfigSchema, config)).toMatchObject({ S3_BUCKET: 'b', S3_SECRET_ACCESS_KEY: '***' });
  });
});

describe('createStorageDriver', () => {
  it.each(['local', 's3'] as const)('should wrap the %s driver with the configured size cap', (storage) => {
    const driver = createStorageDriver(
      loadArtifactsConfig({ ARTIFACT_STORAGE: storage, S3_BUCKET: 'b', ARTIFACT_MAX_BYTES: '1234' }),
    );
    expect(driver).toBeInstanceOf(ValidatingStorageDriver);
    expect(driver.name).toBe(storage);
    expect((driver as ValidatingStorageDriver).maxBytes).toBe(1234);
  });
});
