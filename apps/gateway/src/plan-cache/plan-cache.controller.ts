import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  ListPlanCacheUseCase,
  parseListPlanCacheQuery,
  type PlanCacheEntriesResponse,
  presentPlanCache,
  type Principal,
} from '@webbyflow/api';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ApiJsonResponse, ApiKeyProtected } from '../openapi/api-docs.decorators';

@ApiTags('plan-cache')
@ApiKeyProtected()
@UseGuards(ApiKeyGuard)
@Controller('v1/plan-cache')
export class PlanCacheController {
  constructor(private readonly listEntries: ListPlanCacheUseCase) {}

  @Get()
  @ApiOperation({
    operationId: 'listPlanCache',
    summary: "The org's action-plan cache: each recorded plan with its hits, misses and heals",
  })
  @ApiQuery({ name: 'after', required: false, description: '`next_cursor` of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: 'entries per page, 1 to 200 (default 50)' })
  @ApiJsonResponse(200, 'PlanCacheEntriesResponse', 'A page of entries, most recently recorded first')
  async list(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<PlanCacheEntriesResponse> {
    return presentPlanCache(await this.listEntries.execute(principal, parseListPlanCacheQuery(query)));
  }
}
