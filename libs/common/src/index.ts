export * from './errors/domain.exception';
export * from './config/config.exception';
export * from './config/load-config';
export * from './async/deadline';
export * from './ids/uuid';
