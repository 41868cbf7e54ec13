import { ConfigExceptionCode } from '@webbyflow/common';
import { defaultInstanceId, loadArtifactSvcConfig } from './artifact-svc.config';

describe(loadArtifactSvcConfig.name, () => {
  it('should apply the defaults when the environment is empty', () => {
    expect(loadArtifactSvcConfig({})).toMatchObject({
      PORT: 3004,
      HOST: '127.0.0.1',
      INSTANCE_ID: defaultInstanceId(),
      NATS_URL: 'nats://127.0.0.1:4222',
      ARTIFACT_STORAGE: 'local',
      ARTIFACT_MAX_BYTES: 25 * 1024 * 1024,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/webbyflow',
    });
  });

  it('should name every bad variable when several are invalid', () => {
    const env = {
      PORT: 'eighty',
      INSTANCE_ID: 'a.b',
      NATS_MAX_DELIVER: '0',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
    };
    const error = (() => {
      try {
        return loadArtifactSvcConfig(env);
      } catch (e) {
        return e as Error & { code: string };
      }
    })();
    expect(error).toMatchObject({ code: ConfigExceptionCode.INVALID });
    for (const name of Object.keys(env)) expect((error as Error).message).toContain(name);
  });

  it('should require S3_BUCKET when ARTIFACT_STORAGE is s3', () => {
    expect(() => loadArtifactSvcConfig({ ARTIFACT_STORAGE: 's3' })).toThrow(/S3_BUCKET/);
  });

  it('should turn the hostname into a NATS token when it builds the default instance id', () => {
    expect(defaultInstanceId('web-1.example.com')).toBe('artifact-web-1-example-com');
    expect(defaultInstanceId('pod_7')).toBe('artifact-pod_7');
  });
});
