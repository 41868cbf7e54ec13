import 'reflect-metadata';
import { bootstrapService, runMain } from '@webbyflow/runtime';
import { AppModule } from './app.module';
import { loadLlmSvcConfig } from './config/llm-svc.config';

runMain(async () => {
  const config = loadLlmSvcConfig(process.env);
  await bootstrapService(AppModule.forRoot(config), { service: 'llm-svc', host: config.HOST, port: config.PORT });
});
