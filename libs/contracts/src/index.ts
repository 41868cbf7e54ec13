export * from './envelope/envelope';
export * from './payloads/common.schemas';
export * from './payloads/element.schemas';
export * from './payloads/action.schemas';
export * from './payloads/browser.schemas';
export * from './payloads/task.schemas';
export * from './payloads/service.schemas';
export * from './catalogue/catalogue';
