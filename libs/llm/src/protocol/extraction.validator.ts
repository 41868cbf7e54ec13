import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export interface ExtractionProblem {
  /** Dotted path inside the data (`.items[0].price`), empty for the root. */
  path: string;
  message: string;
}
type Verdict = { ok: true } | { ok: false; problems: ExtractionProblem[] };

/**
 * Checks `extracted_data` against the task's extraction JSON Schema (draft 2020-12). A schema that
 * does not compile is the gateway's concern, not the model's: the answer is then accepted as is.
 */
export class ExtractionValidator {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false });
  private readonly cache = new Map<string, ValidateFunction | null>();

  constructor() {
    addFormats(this.ajv);
  }

  validate(schema: Record<string, unknown>, data: unknown): Verdict {
    const validate = this.compile(schema);
    if (!validate || validate(data)) return { ok: true };
    const problems = (validate.errors ?? []).slice(0, 10).map((error) => ({
      path: pointerToPath(error.instancePath),
      message: error.message ?? 'is invalid',
    }));
    return { ok: false, problems };
  }

  private compile(schema: Record<string, unknown>): ValidateFunction | null {
    const key = JSON.stringify(schema);
    if (!this.cache.has(key)) {
      // Bounded: schemas come from tasks, and a long-lived service sees many of them.
      if (this.cache.size >= 100) this.cache.clear();
      this.cache.set(key, this.tryCompile(schema));
    }
    return this.cache.get(key) ?? null;
  }

  private tryCompile(schema: Record<string, unknown>): ValidateFunction | null {
    try {
      return this.ajv.compile(schema);
    } catch {
      return null;
    }
  }
}

/** `/items/0/price` → `.items[0].price` */
function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('');
}
