import { readFileSync } from 'node:fs';
import { OPENAPI_FILE } from '../../openapi/openapi-docs.app';

/** One operation of the public API, read from the checked-in OpenAPI document. */
export interface FuzzEndpoint {
  method: 'GET' | 'POST';
  /** OpenAPI path template, e.g. `/v1/tasks/{id}/events`. */
  template: string;
  /** What the `{id}` parameter names, when there is one. */
  id: 'task' | 'artifact' | null;
  /** Query parameters the operation declares. */
  query: string[];
  /** Whether the operation takes a JSON body. */
  body: boolean;
}

type Operation = { parameters?: Array<{ name: string; in: string }>; requestBody?: unknown };

/**
 * Every `/v1` operation of openapi.json: a route added to the API is fuzzed without touching the
 * test, and one the test does not understand (a method other than GET/POST) fails it loudly.
 */
export function fuzzEndpoints(): FuzzEndpoint[] {
  const document = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
  };
  return Object.entries(document.paths)
    .filter(([template]) => template.startsWith('/v1/'))
    .flatMap(([template, operations]) =>
      Object.entries(operations).map(([method, operation]) => {
        const upper = method.toUpperCase();
        if (upper !== 'GET' && upper !== 'POST') throw new Error(`fuzz: teach me ${upper} ${template}`);
        const parameters = operation.parameters ?? [];
        return {
          method: upper,
          template,
          id: template.includes('{id}') ? (template.startsWith('/v1/artifacts/') ? 'artifact' : 'task') : null,
          query: parameters.filter((p) => p.in === 'query').map((p) => p.name),
          body: operation.requestBody !== undefined,
        } satisfies FuzzEndpoint;
      }),
    );
}

/** The ids a request may use: its own org's (valid) and another org's (must answer 404). */
export interface FuzzIds {
  own: { key: string; task: string; artifact: string };
  other: { tasks: string[]; artifacts: string[] };
}

export const pathOf = (endpoint: FuzzEndpoint, id: string | null): string =>
  id === null ? endpoint.template : endpoint.template.replace('{id}', id);
