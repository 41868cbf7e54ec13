export * from './fake-llm.types';
export * from './fake-llm.server';
export * from './prompt.reader';
export * from './contact-form.demo';
export * from './contact-form.tree';
export * from './checkout.demo';
export * from './model-gate';
