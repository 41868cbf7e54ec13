import { bootstrapService, runMain } from '@webbyflow/runtime';
import { AppModule } from './app.module';
import { loadArtifactSvcConfig } from './artifact-svc.config';
import { configureHttp } from './configure-http';

runMain(async () => {
  const config = loadArtifactSvcConfig();
  await bootstrapService(AppModule.forRoot(config), {
    service: 'artifact-svc',
    host: config.HOST,
    port: config.PORT,
    configure: (app) => configureHttp(app, config),
  });
});
