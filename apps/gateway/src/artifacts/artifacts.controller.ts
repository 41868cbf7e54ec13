import { Controller, Get, Headers, HttpStatus, Param, Res, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { GetArtifactContentUseCase, type Principal } from '@webbyflow/api';
import type { Response } from 'express';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ApiErrorResponses, ApiKeyProtected } from '../openapi/api-docs.decorators';

@ApiTags('artifacts')
@ApiKeyProtected()
@UseGuards(ApiKeyGuard)
@Controller('v1/artifacts')
export class ArtifactsController {
  constructor(private readonly getContent: GetArtifactContentUseCase) {}

  @Get(':id/content')
  @ApiOperation({ operationId: 'getArtifactContent', summary: 'The bytes of a screenshot, page or download' })
  @ApiParam({ name: 'id', description: 'Artifact id, from a task or step view.' })
  @ApiHeader({ name: 'if-none-match', required: false, description: 'An ETag from an earlier download.' })
  @ApiResponse({
    status: 200,
    description: 'The bytes, with their Content-Type and Content-Length',
    headers: { ETag: { description: 'The quoted sha256 of the bytes.', schema: { type: 'string' } } },
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({ status: 304, description: 'Not modified: If-None-Match names the ETag' })
  @ApiErrorResponses(
    [404, 'ARTIFACT_NOT_FOUND: no such artifact in your org'],
    [409, 'ARTIFACT_PENDING: the artifact store was down; the bytes are waiting to be stored, try again later'],
  )
  async content(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | undefined> {
    const client = new AbortController();
    res.once('close', () => client.abort());
    const content = await this.getContent.execute(principal, id, { ifNoneMatch, signal: client.signal });
    res.setHeader('ETag', content.etag);
    res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
    if (content.kind === 'not_modified') {
      res.status(HttpStatus.NOT_MODIFIED);
      return undefined;
    }
    // Page HTML and downloads come from arbitrary sites: never let a browser run them on our origin.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(content.stream, { type: content.contentType, length: content.sizeBytes });
  }
}
