import { LlmExceptionCode, loadLlmConfig } from '@webbyflow/llm';
import { ModelRouter, parseTaskModel } from './model-router';

const config = () =>
  loadLlmConfig({
    LLM_PROVIDER: 'openai',
    LLM_MODEL: 'gpt-4o-mini',
    LLM_FALLBACKS: JSON.stringify([{ provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: 'sk-ant' }]),
  });
const names = (router: ModelRouter, model?: string) =>
  router.chain(model).map(({ provider }) => `${provider.name}:${provider.model}`);

describe(ModelRouter.name, () => {
  it('should try the primary, then the fallbacks in order, when the task names no model', () => {
    expect(names(new ModelRouter(config()))).toEqual(['openai:gpt-4o-mini', 'anthropic:claude-haiku-4-5']);
  });

  it('should put the task model first on its provider endpoint and keep the chain behind it', () => {
    const router = new ModelRouter(config());

    expect(names(router, 'anthropic:claude-sonnet-4-6')).toEqual([
      'anthropic:claude-sonnet-4-6',
      'openai:gpt-4o-mini',
      'anthropic:claude-haiku-4-5',
    ]);
    expect(router.chain('anthropic:claude-sonnet-4-6')[0].endpoint.apiKey).toBe('sk-ant');
    expect(names(router, 'claude-haiku-4-5')).toEqual(['anthropic:claude-haiku-4-5', 'openai:gpt-4o-mini']);
  });

  it('should share one client and one limiter per endpoint when the chain is built again', () => {
    const router = new ModelRouter(config());

    expect(router.chain()[0].provider).toBe(router.chain()[0].provider);
    expect(router.chain()[0].limiter).toBe(router.chain('openai:gpt-4.1')[0].limiter);
  });

  it('should refuse a model of a provider no endpoint is configured for', () => {
    const router = new ModelRouter(loadLlmConfig({ LLM_PROVIDER: 'openai' }));

    expect(() => router.chain('anthropic:claude-haiku-4-5')).toThrow(
      expect.objectContaining({ code: LlmExceptionCode.PROVIDER_REJECTED, terminal: true }),
    );
  });
});

describe(parseTaskModel.name, () => {
  it('should read the provider prefix and leave colons of the model name alone', () => {
    expect(parseTaskModel('openai:llama3.2:3b')).toEqual({ provider: 'openai', model: 'llama3.2:3b' });
    expect(parseTaskModel('llama3.2:3b')).toEqual({ provider: undefined, model: 'llama3.2:3b' });
  });
});
