import { apiSchemaComponents, schemaRef } from './api-schemas';

describe(apiSchemaComponents.name, () => {
  const components = apiSchemaComponents();

  it('should document the request body as clients send it, with defaults optional and unknown fields refused', () => {
    expect(components.CreateTaskRequest).toMatchObject({
      type: 'object',
      required: ['url', 'goal'],
      additionalProperties: false,
      properties: {
        extraction_schema: { type: 'object', nullable: true, default: null },
        timeout_seconds: { type: 'integer', minimum: 10, maximum: 3600, default: 600 },
      },
    });
  });

  it('should reference nested schemas by component and leave responses open to new fields', () => {
    const task = components.TaskResponse as { properties: Record<string, unknown>; additionalProperties?: unknown };
    expect(task.properties.artifacts).toEqual({ type: 'array', items: schemaRef('TaskArtifactResponse') });
    expect(task.additionalProperties).toBeUndefined();
    expect(JSON.stringify(components)).not.toMatch(/9007199254740991/);
    // A format's own regex is noise; a pattern that is the constraint (e.g. browser.locale) stays.
    const formatWithPattern = (v: unknown): boolean =>
      Array.isArray(v)
        ? v.some(formatWithPattern)
        : !!v &&
          typeof v === 'object' &&
          (('format' in v && 'pattern' in v) || Object.values(v).some(formatWithPattern));
    expect(formatWithPattern(components)).toBe(false);
  });

  it('should list every error code in the error response', () => {
    expect(JSON.stringify(components.ErrorResponse)).toContain('"TASK_ALREADY_FINISHED"');
  });
});
