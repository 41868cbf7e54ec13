import { gatewayConfigSchema } from './gateway.config';

describe('gatewayConfigSchema', () => {
  it('should default PUBLIC_BASE_URL to http://HOST:PORT when it is not set', () => {
    expect(gatewayConfigSchema.parse({}).PUBLIC_BASE_URL).toBe('http://127.0.0.1:3000');
    expect(gatewayConfigSchema.parse({ HOST: '::1', PORT: '8080' }).PUBLIC_BASE_URL).toBe('http://[::1]:8080');
  });

  it('should drop the trailing slash when PUBLIC_BASE_URL has one', () => {
    expect(gatewayConfigSchema.parse({ PUBLIC_BASE_URL: 'https://api.example/' }).PUBLIC_BASE_URL).toBe(
      'https://api.example',
    );
  });

  it('should read every part of the config when the environment sets nothing', () => {
    expect(gatewayConfigSchema.parse({})).toMatchObject({
      PORT: 3000,
      NATS_URL: 'nats://127.0.0.1:4222',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/webbyflow',
      ARTIFACT_SVC_URL: 'http://127.0.0.1:3004',
      API_MAX_BODY_BYTES: 512 * 1024,
      INSTANCE_ID: expect.stringMatching(/^gateway-[A-Za-z0-9_-]+$/),
    });
  });

  it.each([
    ['INSTANCE_ID', 'has spaces'],
    ['PORT', '70000'],
    ['PUBLIC_BASE_URL', 'ftp://files.example'],
    // A task must fit one NATS message (1 MiB by default) with its envelope.
    ['API_MAX_BODY_BYTES', String(1024 * 1024)],
  ])('should reject %s when it is %s', (name, value) => {
    expect(gatewayConfigSchema.safeParse({ [name]: value }).success).toBe(false);
  });
});
