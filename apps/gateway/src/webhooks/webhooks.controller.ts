import { Controller, Get, HttpCode, HttpStatus, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  ListWebhookDeliveriesUseCase,
  type Principal,
  ResendWebhookUseCase,
  RotateWebhookSecretUseCase,
  type WebhookDeliveriesResponse,
  type WebhookDeliveryResponse,
  WebhookPresenter,
  type WebhookSecretResponse,
} from '@webbyflow/api';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ApiErrorResponses, ApiJsonResponse, ApiKeyProtected } from '../openapi/api-docs.decorators';

const TaskIdParam = () => ApiParam({ name: 'id', description: 'Task id, as returned by POST /v1/tasks.' });
const NotFound = [404, 'TASK_NOT_FOUND: no such task in your org'] as [number, string];

@ApiTags('webhooks')
@ApiKeyProtected()
@UseGuards(ApiKeyGuard)
@Controller('v1')
export class WebhooksController {
  constructor(
    private readonly listDeliveries: ListWebhookDeliveriesUseCase,
    private readonly resendWebhook: ResendWebhookUseCase,
    private readonly rotateSecret: RotateWebhookSecretUseCase,
    private readonly presenter: WebhookPresenter,
  ) {}

  @Get('tasks/:id/webhook/deliveries')
  @ApiOperation({ operationId: 'listWebhookDeliveries', summary: "Every delivery of a run's result and every attempt" })
  @TaskIdParam()
  @ApiJsonResponse(200, 'WebhookDeliveriesResponse', 'The deliveries, newest first, each with its attempts')
  @ApiErrorResponses(NotFound)
  async deliveries(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<WebhookDeliveriesResponse> {
    return this.presenter.deliveries(await this.listDeliveries.execute(principal, id));
  }

  @Post('tasks/:id/webhook/resend')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ operationId: 'resendWebhook', summary: "Send a finished run's result to its webhook_url again" })
  @TaskIdParam()
  @ApiJsonResponse(202, 'WebhookDeliveryResponse', 'The new delivery, queued')
  @ApiErrorResponses(NotFound, [
    409,
    'TASK_NOT_FINISHED: the run has not ended yet; WEBHOOK_NOT_CONFIGURED: the task has no webhook_url',
  ])
  async resend(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<WebhookDeliveryResponse> {
    return this.presenter.delivery(await this.resendWebhook.execute(principal, id));
  }

  @Post('webhooks/signing-secret')
  @ApiOperation({
    operationId: 'rotateWebhookSigningSecret',
    summary: "Issue the org's webhook signing secret (shown once; replaces the previous one)",
  })
  @ApiJsonResponse(201, 'WebhookSecretResponse', 'The new secret')
  async signingSecret(@CurrentPrincipal() principal: Principal): Promise<WebhookSecretResponse> {
    return this.rotateSecret.execute(principal);
  }
}
