// Order matters: later files import earlier ones through this barrel (no `../` imports, STYLE.md §3).
export * from './llm.exception';
export * from './llm.config';
export * from './protocol/plan-answer.schema';
export * from './protocol/extraction.validator';
export * from './protocol/plan-answer.parser';
export * from './prompt/plan-input';
export * from './prompt/payload.formatter';
export * from './prompt/system-prompt';
export * from './prompt/prompt.builder';
export * from './providers/llm-provider';
export * from './providers/openai.provider';
export * from './providers/anthropic.provider';
export * from './providers/provider.factory';
export * from './planner/llm-planner.service';
