import { DomainException } from '../errors/domain.exception';

export enum AddressGuardExceptionCode {
  /** The host resolved to a loopback, private, link-local… address that the operator has not allowed. */
  ADDRESS_REFUSED = 'ADDRESS_REFUSED',
}

/** Terminal: asking again reaches the same address. */
export class AddressGuardException extends DomainException<AddressGuardExceptionCode> {
  readonly terminal = true;
}
