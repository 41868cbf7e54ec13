import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const MAX_PROBLEM_LENGTH = 300;

/**
 * Tells whether a JSON Schema (draft 2020-12) compiles, with the same lenient options the services
 * that use it later have (`strict: false`), so what the gateway accepts is what they can run.
 */
export class JsonSchemaChecker {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false, logger: false });

  constructor() {
    addFormats(this.ajv);
  }

  /** Null when `schema` compiles; otherwise what is wrong with it. */
  problemWith(schema: Record<string, unknown>): string | null {
    try {
      this.ajv.compile(schema);
      return null;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return message.length > MAX_PROBLEM_LENGTH ? `${message.slice(0, MAX_PROBLEM_LENGTH)}…` : message;
    } finally {
      // ajv keeps every compiled schema (and claims its $id); a long-lived gateway must not.
      this.ajv.removeSchema(schema);
    }
  }
}
