import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse, ApiSecurity } from '@nestjs/swagger';
import { type ApiSchemaName, schemaRef } from '@webbyflow/api';
import { API_KEY_HEADER } from '../auth/api-key.guard';

export const API_KEY_SECURITY = 'api-key';

type Headers = Record<string, { description: string; schema: { type: 'string' | 'integer' } }>;

/** A JSON answer whose body is one of the API's zod-derived schemas. */
export const ApiJsonResponse = (status: number, schema: ApiSchemaName, description: string, headers?: Headers) =>
  ApiResponse({ status, description, headers, content: { 'application/json': { schema: schemaRef(schema) } } });

/** Error answers, all with the `{error: {code, message}}` body. */
export const ApiErrorResponses = (...errors: Array<[status: number, description: string]>) =>
  applyDecorators(...errors.map(([status, description]) => ApiJsonResponse(status, 'ErrorResponse', description)));

/** What every `/v1` controller shares: the API key, and the errors any of its routes may answer. */
export const ApiKeyProtected = () =>
  applyDecorators(
    ApiSecurity(API_KEY_SECURITY),
    ApiHeader({ name: 'x-request-id', required: false, description: 'Echoed back and logged; made up when absent.' }),
    ApiErrorResponses(
      [400, 'VALIDATION_FAILED or MALFORMED_REQUEST: `fields` names each bad field, parameter or header'],
      [401, `UNAUTHENTICATED: no valid key in the ${API_KEY_HEADER} header`],
      [413, 'PAYLOAD_TOO_LARGE: the body is over the limit (512 KiB unless configured)'],
      [415, 'UNSUPPORTED_MEDIA_TYPE: a body was sent that is not application/json'],
    ),
    ApiJsonResponse(503, 'ErrorResponse', 'SERVICE_UNAVAILABLE: a service behind the gateway is not answering', {
      'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
    }),
  );
