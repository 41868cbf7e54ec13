import { z } from 'zod';
import { ApiExceptionCode } from './api.exception';

export const FieldProblemResponse = z
  .object({
    field: z.string().describe('The field as sent, e.g. `max_steps` or `payload.email`.'),
    message: z.string().describe('What is wrong and what to send instead.'),
  })
  .describe('One invalid field of a request.');

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(ApiExceptionCode),
      message: z.string(),
      fields: z.array(FieldProblemResponse).optional().describe('Set when code is VALIDATION_FAILED.'),
    }),
  })
  .describe('Every error answer of the API.');
export type ErrorResponse = z.output<typeof ErrorResponse>;
