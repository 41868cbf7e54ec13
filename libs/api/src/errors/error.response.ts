import { z } from 'zod';
import { ApiExceptionCode } from './api.exception';

export const FieldProblemResponse = z
  .object({
    field: z
      .string()
      .describe(
        'What is at fault, as sent: a body field (`max_steps`, `payload.email`, `body` for the whole body), ' +
          'a query or path parameter (`limit`, `id`) or a header (`x-api-key`, `content-type`).',
      ),
    message: z.string().describe('What is wrong and what to send instead.'),
  })
  .describe('One invalid part of a request.');

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(ApiExceptionCode),
      message: z.string(),
      fields: z
        .array(FieldProblemResponse)
        .optional()
        .describe('On every 4xx but ROUTE_NOT_FOUND and the state conflicts (409): each part of the request at fault.'),
    }),
  })
  .describe('Every error answer of the API.');
export type ErrorResponse = z.output<typeof ErrorResponse>;
