import PQueue from 'p-queue';
import {
  createLlmProvider,
  LLM_PROVIDERS,
  LlmException,
  LlmExceptionCode,
  type LlmConfig,
  type LlmEndpoint,
  type LlmProvider,
} from '@webbyflow/llm';

/** One link of a step's chain: the endpoint, its client, and the limiter it shares with its server. */
export interface RoutedModel {
  endpoint: LlmEndpoint;
  provider: LlmProvider;
  /** Concurrency and requests-per-minute of the endpoint's server (provider + base URL). */
  limiter: PQueue;
}

/** The ordered models a step may try; ModelRouter in services, a scripted list in unit tests. */
export interface ModelChain {
  chain(taskModel?: string): RoutedModel[];
}

/** `openai:gpt-4o`, `anthropic:claude-haiku-4-5`, or a bare model name (`llama3.2:3b`) for the primary's provider. */
export function parseTaskModel(spec: string): { provider: LlmEndpoint['provider'] | undefined; model: string } {
  const colon = spec.indexOf(':');
  const prefix = spec.slice(0, colon);
  const provider = LLM_PROVIDERS.find((name) => name === prefix);
  return provider ? { provider, model: spec.slice(colon + 1) } : { provider: undefined, model: spec };
}

/**
 * Builds the ordered chain of models a step may use: the task's model (or the primary), then the configured
 * fallbacks. Clients and limiters are made once per endpoint and server, so limits hold across tasks.
 */
export class ModelRouter implements ModelChain {
  private readonly providers = new Map<string, LlmProvider>();
  private readonly limiters = new Map<string, PQueue>();

  constructor(private readonly config: LlmConfig) {}

  chain(taskModel?: string): RoutedModel[] {
    const configured = [this.config, ...this.config.fallbacks];
    const first = taskModel ? this.endpointFor(taskModel, configured) : configured[0];
    const rest = configured.filter((endpoint) => keyOf(endpoint) !== keyOf(first));
    return [first, ...rest].map((endpoint) => this.route(endpoint));
  }

  private endpointFor(spec: string, configured: readonly LlmEndpoint[]): LlmEndpoint {
    const exact = configured.find(
      (endpoint) => spec === endpoint.model || spec === `${endpoint.provider}:${endpoint.model}`,
    );
    if (exact) return exact;
    const { provider = this.config.provider, model } = parseTaskModel(spec);
    // The first configured endpoint of that provider lends its server, key and limits to the task's model.
    const server = configured.find((endpoint) => endpoint.provider === provider);
    if (server) return { ...server, model };
    throw new LlmException(
      LlmExceptionCode.PROVIDER_REJECTED,
      `the task asks for ${provider} model ${model}, but no ${provider} endpoint is configured (LLM_PROVIDER, LLM_FALLBACKS)`,
    );
  }

  private route(endpoint: LlmEndpoint): RoutedModel {
    const key = keyOf(endpoint);
    let provider = this.providers.get(key);
    if (!provider) {
      provider = createLlmProvider(endpoint, this.config);
      this.providers.set(key, provider);
    }
    const serverKey = `${endpoint.provider} ${endpoint.baseUrl ?? ''}`;
    let limiter = this.limiters.get(serverKey);
    if (!limiter) {
      const perMinute = endpoint.requestsPerMinute;
      limiter = new PQueue({
        concurrency: endpoint.concurrency,
        ...(perMinute > 0 && { intervalCap: perMinute, interval: 60_000 }),
      });
      this.limiters.set(serverKey, limiter);
    }
    return { endpoint, provider, limiter };
  }
}

function keyOf(endpoint: LlmEndpoint): string {
  return `${endpoint.provider} ${endpoint.baseUrl ?? ''} ${endpoint.model}`;
}
