import type { Provider } from '@nestjs/common';
import { AddressGuard } from '@webbyflow/common';
import { WebhookSecretCipher, WebhookSecretStore } from '@webbyflow/persistence';
import { DataSource } from 'typeorm';
import { ORCHESTRATION_CONFIG, type OrchestrationConfig } from '../orchestration.config';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookDeliverer } from './webhook-deliverer';
import { WebhookDeliveryPoller } from './webhook-delivery.poller';
import { WebhookDeliveryQueue } from './webhook-delivery.queue';
import { WebhookSender } from './webhook.sender';

/** Everything behind webhook delivery except the notifier the run finisher calls. */
export const WEBHOOK_PROVIDERS: Provider[] = [
  WebhookDeliveryQueue,
  WebhookDeliverer,
  WebhookDeliveryPoller,
  WebhookDeliveriesService,
  {
    provide: WebhookSender,
    inject: [ORCHESTRATION_CONFIG],
    useFactory: (config: OrchestrationConfig) =>
      new WebhookSender(
        new AddressGuard({ allowList: config.WEBHOOK_ALLOWED_HOSTS, setting: 'WEBHOOK_ALLOWED_HOSTS' }),
      ),
  },
  {
    provide: WebhookSecretStore,
    inject: [DataSource, ORCHESTRATION_CONFIG],
    useFactory: (dataSource: DataSource, config: OrchestrationConfig) =>
      new WebhookSecretStore(dataSource, new WebhookSecretCipher(config.WEBHOOK_SECRET_KEY)),
  },
];
