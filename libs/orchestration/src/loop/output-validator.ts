import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export type OutputCheck = { ok: true } | { ok: false; problems: string };

/** Checks extracted data against the user's JSON Schema before a run may complete. */
export class OutputValidator {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false });

  constructor() {
    addFormats(this.ajv);
  }

  check(schema: Record<string, unknown> | null, data: unknown): OutputCheck {
    if (!schema) return { ok: true };
    const validate = this.ajv.compile(schema);
    if (validate(data)) return { ok: true };
    const problems = (validate.errors ?? [])
      .map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`)
      .join('; ');
    return { ok: false, problems };
  }
}
