import { pipeline } from 'node:stream/promises';
import { Controller, Get, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ARTIFACTS_HTTP_PATH, etagOf } from '@webbyflow/artifact-client';
import { ArtifactService, type ArtifactMeta } from '@webbyflow/artifacts';
import type { ArtifactRefV1 } from '@webbyflow/contracts';
import type { Request, Response } from 'express';
import { parseUploadHeaders, requireOrgId } from './artifact-request.parser';
import { StoreArtifactUseCase } from './store-artifact.use-case';
import { uploadBodyOf } from './upload-body.middleware';

/** The internal HTTP API (not public: the gateway and other services call it through ArtifactClient). */
@Controller(ARTIFACTS_HTTP_PATH)
export class ArtifactController {
  private readonly logger = new Logger(ArtifactController.name);

  constructor(
    private readonly artifacts: ArtifactService,
    private readonly storeArtifact: StoreArtifactUseCase,
  ) {}

  /** Raw bytes in the body, their MIME type in Content-Type, the rest in `x-wf-*` headers; 201 ArtifactRefV1. */
  @Post()
  async upload(@Req() req: Request): Promise<ArtifactRefV1> {
    const input = parseUploadHeaders(req.headers);
    return this.storeArtifact.execute({ ...input, body: uploadBodyOf(req) });
  }

  @Get(':id')
  async meta(@Param('id') id: string, @Query('orgId') orgId: unknown): Promise<ArtifactMeta> {
    return this.artifacts.getMeta(id, { orgId: requireOrgId(orgId) });
  }

  /** The bytes, streamed, with Content-Type, Content-Length and the sha256 as ETag. */
  @Get(':id/content')
  async content(@Param('id') id: string, @Query('orgId') orgId: unknown, @Res() res: Response): Promise<void> {
    const { meta, stream } = await this.artifacts.openContent(id, { orgId: requireOrgId(orgId) });
    // setHeader, not res.set: Express would add a charset to text types and change the stored content type.
    res.status(200);
    res.setHeader('Content-Type', meta.contentType);
    res.setHeader('Content-Length', String(meta.sizeBytes));
    res.setHeader('ETag', etagOf(meta.sha256));
    try {
      await pipeline(stream, res);
    } catch (error) {
      // Headers are gone: the client sees a cut-short body (Content-Length tells it so).
      this.logger.warn(`streaming artifact ${id} stopped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
