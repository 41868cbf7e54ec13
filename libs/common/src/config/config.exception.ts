import { DomainException } from '../errors/domain.exception';

export enum ConfigExceptionCode {
  INVALID = 'CONFIG_INVALID',
}

export class ConfigException extends DomainException<ConfigExceptionCode> {
  readonly terminal = true;
}
