import { ConfigException, redact } from '@webbyflow/common';
import { toLlmConfig } from '@webbyflow/llm';
import { defaultInstanceId, llmSvcConfigSchema, loadLlmSvcConfig, planStepTimeoutMs } from './llm-svc.config';

describe(loadLlmSvcConfig.name, () => {
  it('should apply the defaults when nothing is set', () => {
    const config = loadLlmSvcConfig({});
    expect(config).toMatchObject({
      PORT: 3003,
      HOST: '127.0.0.1',
      NATS_URL: 'nats://127.0.0.1:4222',
      ARTIFACT_SVC_URL: 'http://127.0.0.1:3004',
      LLM_PROVIDER: 'openai',
      INSTANCE_ID: defaultInstanceId(),
    });
    expect(planStepTimeoutMs(config)).toBe(2 * 60_000 + 30_000);
    expect(toLlmConfig(config)).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini', apiKey: 'no-key' });
  });

  it('should make a NATS token of the host name when deriving the instance id', () => {
    expect(defaultInstanceId('llm.pod-7:x')).toBe('llm-llm-pod-7-x');
  });

  it('should read the provider, the step deadline and keep the key out of a redacted copy', () => {
    const config = loadLlmSvcConfig({
      LLM_PROVIDER: 'anthropic',
      LLM_API_KEY: 'sk-secret',
      PLAN_STEP_TIMEOUT_MS: '5000',
      INSTANCE_ID: 'llm-1',
    });
    expect(planStepTimeoutMs(config)).toBe(5000);
    expect(toLlmConfig(config)).toMatchObject({
      provider: 'anthropic',
      apiKey: 'sk-secret',
      model: 'claude-sonnet-4-6',
    });
    expect(redact(llmSvcConfigSchema, config)).toMatchObject({ LLM_API_KEY: '***', INSTANCE_ID: 'llm-1' });
  });

  it('should name every bad variable when the environment is invalid', () => {
    const load = () => loadLlmSvcConfig({ INSTANCE_ID: 'llm.1', LLM_PROVIDER: 'gemini', PORT: 'x' });
    expect(load).toThrow(ConfigException);
    expect(load).toThrow(/INSTANCE_ID/);
    expect(load).toThrow(/LLM_PROVIDER/);
    expect(load).toThrow(/PORT/);
  });
});
