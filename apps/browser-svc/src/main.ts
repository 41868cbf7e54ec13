import 'reflect-metadata';
import { bootstrapService, runMain } from '@webbyflow/runtime';
import { AppModule } from './app.module';
import { loadBrowserSvcConfig } from './config/browser-svc.config';

runMain(async () => {
  const config = loadBrowserSvcConfig(process.env);
  await bootstrapService(AppModule.forRoot(config), { service: 'browser-svc', host: config.HOST, port: config.PORT });
});
