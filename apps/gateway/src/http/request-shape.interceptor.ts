import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/internal';
import { rejectBody, rejectQuery } from '@webbyflow/api';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { isApiPath } from './api-path';

/** Which request parts a route handler declares with `@Body()` / `@Query()`. */
function declaredParts(context: ExecutionContext): { body: boolean; query: boolean } {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ??
    {}) as Record<string, unknown>;
  const types = Object.keys(args).map((key) => Number(key.split(':')[0]));
  return { body: types.includes(RouteParamtypes.BODY), query: types.includes(RouteParamtypes.QUERY) };
}

/**
 * Routes that take no query string or no body get extra parameters or fields named as unknown (400)
 * instead of silently ignored, like every route that validates its own. Read from the handler's
 * parameter decorators, so a new route is covered without remembering to be. Runs after the guards:
 * an unauthenticated caller learns nothing about a route's inputs.
 */
@Injectable()
export class RequestShapeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    if (context.getType() === 'http' && isApiPath(req.path)) {
      const declared = declaredParts(context);
      if (!declared.query) rejectQuery(req.query);
      if (!declared.body) rejectBody(req.body);
    }
    return next.handle();
  }
}
