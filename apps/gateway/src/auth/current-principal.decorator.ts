import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Principal, unauthenticated } from '@webbyflow/api';
import type { Request } from 'express';
import { principalOf } from './api-key.guard';

/** The caller of a route guarded by ApiKeyGuard. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = principalOf(context.switchToHttp().getRequest<Request>());
  if (!principal) throw unauthenticated();
  return principal;
});
