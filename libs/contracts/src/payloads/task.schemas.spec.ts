import { TaskSpecV1 } from './task.schemas';

describe('TaskSpecV1', () => {
  it('should apply defaults when only url and goal are given', () => {
    const spec = TaskSpecV1.parse({ url: 'https://example.com', goal: 'find the price' });
    expect(spec).toMatchObject({
      payload: {},
      extractionSchema: null,
      maxSteps: 10,
      webhookUrl: null,
      timeoutSeconds: 600,
    });
  });

  it('should name the field when the url is not http(s)', () => {
    const result = TaskSpecV1.safeParse({ url: 'file:///etc/passwd', goal: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['url']);
  });

  it('should reject max steps when out of range', () => {
    expect(TaskSpecV1.safeParse({ url: 'https://a.b', goal: 'x', maxSteps: 0 }).success).toBe(false);
    expect(TaskSpecV1.safeParse({ url: 'https://a.b', goal: 'x', maxSteps: 101 }).success).toBe(false);
  });

  it('should fill a recovery rule’s defaults and cap a task at 50 rules', () => {
    const rule = { component: 'browser', code: 'SESSION_LOST', strategy: 'fail' };
    expect(TaskSpecV1.parse({ url: 'https://a.b', goal: 'x', recoveryRules: [rule] }).recoveryRules).toEqual([
      { ...rule, maxAttempts: 3, baseMs: 0, maxMs: 30_000, withinMs: 300_000 },
    ]);
    const many = Array.from({ length: 51 }, (_, i) => ({ ...rule, code: `C${i}` }));
    expect(TaskSpecV1.safeParse({ url: 'https://a.b', goal: 'x', recoveryRules: many }).success).toBe(false);
  });
});
