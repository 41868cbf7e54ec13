import { ApiException, ApiExceptionCode } from '../errors/api.exception';
import { parseCreateTaskRequest } from './create-task.request';

const valid = { url: 'https://shop.example/contact', goal: 'Send the contact form' };

function problemsOf(body: unknown): Array<{ field: string; message: string }> {
  try {
    parseCreateTaskRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException).code).toBe(ApiExceptionCode.VALIDATION_FAILED);
    return (error as ApiException).fields ?? [];
  }
  throw new Error('expected the body to be rejected');
}

describe(parseCreateTaskRequest.name, () => {
  it('should map snake_case to the task spec with the contract defaults when only url and goal are sent', () => {
    expect(parseCreateTaskRequest(valid)).toEqual({
      url: valid.url,
      goal: valid.goal,
      payload: {},
      extractionSchema: null,
      maxSteps: 10,
      webhookUrl: null,
      timeoutSeconds: 600,
    });
  });

  it('should take the planner when it is auto, llm, heuristic or cache_only', () => {
    for (const planner of ['auto', 'llm', 'heuristic', 'cache_only'] as const)
      expect(parseCreateTaskRequest({ ...valid, planner })).toMatchObject({ planner });
  });

  it('should refuse any other planner with a 400 naming the field and the choices when planner is unknown', () => {
    const [problem] = problemsOf({ ...valid, planner: 'cache' });
    expect(problem.field).toBe('planner');
    expect(problem.message).toMatch(/auto.*llm.*heuristic.*cache_only/);
  });

  it('should map plan_cache to planCache and leave it out when it is not sent', () => {
    for (const mode of ['use', 'refresh', 'off'] as const)
      expect(parseCreateTaskRequest({ ...valid, plan_cache: mode })).toMatchObject({ planCache: mode });
    expect(parseCreateTaskRequest(valid)).not.toHaveProperty('planCache');
  });

  it('should name plan_cache and its choices when it is not use, refresh or off', () => {
    const [problem] = problemsOf({ ...valid, plan_cache: 'bypass' });
    expect(problem.field).toBe('plan_cache');
    expect(problem.message).toMatch(/use.*refresh.*off/);
  });

  it('should carry every field across when all are sent', () => {
    const spec = parseCreateTaskRequest({
      ...valid,
      payload: { email: 'a@b.c' },
      extraction_schema: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } },
      max_steps: 100,
      webhook_url: 'http://hooks.example/x',
      timeout_seconds: 10,
    });
    expect(spec).toMatchObject({ maxSteps: 100, timeoutSeconds: 10, webhookUrl: 'http://hooks.example/x' });
    expect(spec.extractionSchema).toEqual({ type: 'object', properties: { id: { type: 'string', format: 'uuid' } } });
  });

  it('should name each bad field with what to send when several are invalid', () => {
    expect(
      problemsOf({ url: 'ftp://files.example', max_steps: 101, timeout_seconds: 5, webhook_url: 'nope', payload: [] }),
    ).toEqual([
      { field: 'url', message: 'must be an absolute http or https URL, e.g. https://example.com/' },
      { field: 'goal', message: 'is required and must be text of 1 to 4000 characters' },
      { field: 'payload', message: 'must be a JSON object' },
      { field: 'max_steps', message: 'must be an integer between 1 and 100' },
      { field: 'webhook_url', message: 'must be an absolute http or https URL, e.g. https://example.com/ or null' },
      { field: 'timeout_seconds', message: 'must be an integer between 10 and 3600' },
    ]);
  });

  it('should map model, vision and max_cost when a task picks its model and a budget', () => {
    expect(
      parseCreateTaskRequest({ ...valid, model: 'anthropic:claude-haiku-4-5', vision: true, max_cost: 0.25 }),
    ).toMatchObject({ model: 'anthropic:claude-haiku-4-5', vision: true, maxCostUsd: 0.25 });
  });

  it('should name model and max_cost when the model is not a model name and the budget is not positive', () => {
    expect(problemsOf({ ...valid, model: 'gpt 4o; drop table', max_cost: 0 }).map((p) => p.field)).toEqual([
      'model',
      'max_cost',
    ]);
  });

  it('should map recovery_rules to the contract with its defaults when the task brings its own rules', () => {
    const spec = parseCreateTaskRequest({
      ...valid,
      recovery_rules: [
        { component: 'browser', code: 'SESSION_LOST', strategy: 'fail', max_attempts: 0 },
        { component: 'llm', code: '*', strategy: 'retry_with_backoff', base_ms: 500, max_ms: 5000, within_ms: 60_000 },
      ],
    });
    expect(spec.recoveryRules).toEqual([
      {
        component: 'browser',
        code: 'SESSION_LOST',
        strategy: 'fail',
        maxAttempts: 0,
        baseMs: 0,
        maxMs: 30_000,
        withinMs: 300_000,
      },
      {
        component: 'llm',
        code: '*',
        strategy: 'retry_with_backoff',
        maxAttempts: 3,
        baseMs: 500,
        maxMs: 5000,
        withinMs: 60_000,
      },
    ]);
  });

  it('should leave recoveryRules out when recovery_rules is absent or empty', () => {
    expect(parseCreateTaskRequest(valid)).not.toHaveProperty('recoveryRules');
    expect(parseCreateTaskRequest({ ...valid, recovery_rules: [] })).not.toHaveProperty('recoveryRules');
  });

  it('should name the rule’s field with what to send when a recovery rule is invalid', () => {
    const rule = { component: 'browser', code: 'SESSION_LOST', strategy: 'new_session' };
    expect(
      problemsOf({
        ...valid,
        recovery_rules: [
          { ...rule, strategy: 'reboot' },
          { ...rule, max_attempts: 21, within_ms: 10 },
          { ...rule, component: '' },
          { ...rule, maxAttempts: 2 },
          { code: 'X', strategy: 'fail' },
        ],
      }),
    ).toEqual([
      {
        field: 'recovery_rules[0].strategy',
        message: expect.stringMatching(/new_session.*retry_with_backoff.*rescrape_replan.*shrink_budget.*fail/),
      },
      { field: 'recovery_rules[1].max_attempts', message: expect.stringContaining('<=20') },
      { field: 'recovery_rules[1].within_ms', message: expect.stringContaining('>=1000') },
      { field: 'recovery_rules[2].component', message: expect.stringContaining('>=1 characters') },
      { field: 'recovery_rules[3].maxAttempts', message: 'is not a known field; remove it' },
      { field: 'recovery_rules[4].component', message: expect.stringMatching(/^is required/) },
    ]);
  });

  it('should name a recovery rule that repeats the component and code of an earlier one', () => {
    const rule = { component: 'browser', code: 'SESSION_LOST', strategy: 'fail' };
    expect(problemsOf({ ...valid, recovery_rules: [rule, { ...rule, code: '*' }, rule] })).toEqual([
      {
        field: 'recovery_rules[2]',
        message: 'repeats component browser and code SESSION_LOST of recovery_rules[0]; send one rule for each',
      },
    ]);
  });

  it('should name recovery_rules and its limit when it is not an array of at most 50 rules', () => {
    const rules = Array.from({ length: 51 }, (_, i) => ({ component: 'browser', code: `C${i}`, strategy: 'fail' }));
    expect(problemsOf({ ...valid, recovery_rules: rules })).toEqual([
      { field: 'recovery_rules', message: 'must be an array of at most 50 items' },
    ]);
    expect(problemsOf({ ...valid, recovery_rules: { component: 'browser' } })).toEqual([
      { field: 'recovery_rules', message: 'must be an array of at most 50 items' },
    ]);
  });

  it('should reject max_steps when it is not an integer', () => {
    expect(problemsOf({ ...valid, max_steps: 2.5 })).toEqual([
      { field: 'max_steps', message: 'must be an integer between 1 and 100' },
    ]);
  });

  it('should name extraction_schema with the compiler’s complaint when it is not a valid JSON Schema', () => {
    const [problem] = problemsOf({ ...valid, extraction_schema: { type: 'object', required: 'name' } });
    expect(problem.field).toBe('extraction_schema');
    expect(problem.message).toMatch(/^is not a valid JSON Schema \(draft 2020-12\): .*required/);
  });

  it('should name every unknown field and list the known ones when the body has extra fields', () => {
    expect(problemsOf({ ...valid, maxSteps: 3, callback: 'x' })).toEqual([
      { field: 'maxSteps', message: expect.stringContaining('is not a known field; send only url, goal, payload') },
      { field: 'callback', message: expect.stringContaining('is not a known field') },
    ]);
  });

  it.each([undefined, null, [], 'url=x'])('should name the body when it is %p instead of an object', (body) => {
    expect(problemsOf(body)).toEqual([{ field: 'body', message: expect.stringContaining('must be a JSON object') }]);
  });

  it('should say which fields failed in the error message when it rejects the body', () => {
    expect(() => parseCreateTaskRequest({ ...valid, max_steps: 0 })).toThrow(
      'the request body is invalid: max_steps must be an integer between 1 and 100',
    );
  });
});
