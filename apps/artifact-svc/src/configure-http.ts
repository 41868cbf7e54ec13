import type { INestApplication } from '@nestjs/common';
import { ARTIFACTS_HTTP_PATH } from '@webbyflow/artifact-client';
import type { ArtifactSvcConfig } from './artifact-svc.config';
import { uploadBodyParser } from './artifacts/upload-body.middleware';

/**
 * HTTP setup that must happen before Nest's init: the upload parser goes ahead of Nest's JSON parser, so a
 * JSON artifact arrives as its exact bytes (same sha256) and past the JSON parser's 100 kB limit.
 */
export function configureHttp(app: INestApplication, config: Pick<ArtifactSvcConfig, 'ARTIFACT_MAX_BYTES'>): void {
  app.use(ARTIFACTS_HTTP_PATH, uploadBodyParser(config.ARTIFACT_MAX_BYTES));
}
