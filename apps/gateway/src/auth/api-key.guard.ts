import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthenticateApiKeyUseCase, type Principal } from '@webbyflow/api';
import type { Request } from 'express';

export const API_KEY_HEADER = 'x-api-key';

const principals = new WeakMap<Request, Principal>();

/** Requires a valid `x-api-key` on every route it guards; the key's org scopes the call. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly authenticate: AuthenticateApiKeyUseCase) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    principals.set(req, await this.authenticate.execute(req.get(API_KEY_HEADER)));
    return true;
  }
}

/** The principal ApiKeyGuard established for `req`, if it ran. */
export const principalOf = (req: Request): Principal | undefined => principals.get(req);
