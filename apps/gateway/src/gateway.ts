import type { INestApplication } from '@nestjs/common';
import { bootstrapService } from '@webbyflow/runtime';
import { AppModule } from './app.module';
import { configureGateway } from './configure-gateway';
import type { GatewayConfig } from './gateway.config';

/** Boots the gateway and listens on HOST:PORT; `main.ts` and the integration tests both start it this way. */
export function startGateway(config: GatewayConfig): Promise<INestApplication> {
  return bootstrapService(AppModule.forRoot(config), {
    service: 'gateway',
    host: config.HOST,
    port: config.PORT,
    configure: (app) => configureGateway(app, config),
  });
}
