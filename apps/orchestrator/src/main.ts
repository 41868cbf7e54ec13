import 'reflect-metadata';
import { bootstrapService, runMain } from '@webbyflow/runtime';
import { AppModule } from './app.module';
import { loadOrchestratorConfig } from './orchestrator.config';

runMain(async () => {
  const config = loadOrchestratorConfig();
  await bootstrapService(AppModule.forRoot(config), { service: 'orchestrator', host: config.HOST, port: config.PORT });
});
