import type { StepViewV1, TaskViewV1 } from '@webbyflow/contracts';
import { EventsResponse, TaskResponse, StepsResponse } from './task.response';
import { TaskPresenter } from './task.presenter';

const view: TaskViewV1 = {
  id: '6f1b1c1e-6f0c-4b9e-9b8e-2d6b1f4f5a10',
  orgId: '0b7f5f4e-3c2a-4d1b-8e9f-1a2b3c4d5e6f',
  status: 'completed',
  url: 'https://shop.example/',
  goal: 'Find the price',
  maxSteps: 10,
  stepCount: 2,
  output: { price: 12 },
  failureReason: null,
  webhookUrl: null,
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:01:00.000Z',
  startedAt: '2026-11-23T10:00:01.000Z',
  finishedAt: '2026-11-23T10:01:00.000Z',
  artifacts: [
    {
      id: '9d7c0f2e-1b3a-4c5d-8e6f-7a8b9c0d1e2f',
      kind: 'html',
      contentType: 'text/html',
      sizeBytes: 2048,
      stepIndex: null,
      state: 'stored',
      createdAt: '2026-11-23T10:00:30.000Z',
    },
  ],
};

const step: StepViewV1 = {
  index: 1,
  status: 'acting',
  url: null,
  reasoning: null,
  inputTokens: 0,
  outputTokens: 0,
  screenshotArtifactId: null,
  elementTreeArtifactId: '9d7c0f2e-1b3a-4c5d-8e6f-7a8b9c0d1e2f',
  actions: [],
  createdAt: '2026-11-23T10:00:30.000Z',
};

describe(TaskPresenter.name, () => {
  const presenter = new TaskPresenter({ publicBaseUrl: 'https://api.example/' });

  it('should map a task view to the snake_case wire form without the org when presenting a task', () => {
    const response = presenter.task(view);
    expect(response).toEqual({
      id: view.id,
      status: 'completed',
      url: view.url,
      goal: view.goal,
      output: { price: 12 },
      failure_reason: null,
      step_count: 2,
      max_steps: 10,
      priority: 0,
      planner: null,
      plan_cache: { mode: 'use', outcome: null, steps_replayed: 0, recorded: false },
      created_at: view.createdAt,
      updated_at: view.updatedAt,
      started_at: view.startedAt,
      finished_at: view.finishedAt,
      webhook_url: null,
      model: null,
      max_cost: null,
      usage: { input_tokens: 0, output_tokens: 0, cached_tokens: 0, cost_usd: 0, llm_calls: 0 },
      recovery_rules: [],
      artifacts: [
        {
          id: view.artifacts[0].id,
          kind: 'html',
          content_type: 'text/html',
          size_bytes: 2048,
          step_index: null,
          state: 'stored',
          url: `https://api.example/v1/artifacts/${view.artifacts[0].id}/content`,
        },
      ],
    });
    expect(TaskResponse.parse(response)).toEqual(response);
  });

  it('should show the task’s recovery rules in snake_case when it has some', () => {
    const recoveryRules = [
      {
        component: 'browser',
        code: 'SESSION_LOST',
        strategy: 'fail' as const,
        maxAttempts: 0,
        baseMs: 0,
        maxMs: 30_000,
        withinMs: 300_000,
      },
    ];
    const response = presenter.task({ ...view, recoveryRules });
    expect(response.recovery_rules).toEqual([
      {
        component: 'browser',
        code: 'SESSION_LOST',
        strategy: 'fail',
        max_attempts: 0,
        base_ms: 0,
        max_ms: 30_000,
        within_ms: 300_000,
      },
    ]);
    expect(TaskResponse.parse(response)).toEqual(response);
  });

  it('should link only the artifacts a step has when presenting steps', () => {
    const response = presenter.steps({ taskId: view.id, steps: [step] });
    expect(response.steps[0]).toMatchObject({
      index: 1,
      url: null,
      screenshot_url: null,
      element_tree_url: `https://api.example/v1/artifacts/${step.elementTreeArtifactId}/content`,
      actions: [],
    });
    expect(StepsResponse.parse(response)).toEqual(response);
  });

  it('should show which planner made a step and its confidence when the step was planned', () => {
    const planned = presenter.steps({ taskId: view.id, steps: [{ ...step, planner: 'heuristic', confidence: 0.9 }] });
    expect(planned.steps[0]).toMatchObject({ planner: 'heuristic', planner_confidence: 0.9 });
    expect(presenter.steps({ taskId: view.id, steps: [step] }).steps[0]).toMatchObject({
      planner: null,
      planner_confidence: null,
    });
  });

  it('should put the envelope fields in snake_case and leave the payload as published when presenting events', () => {
    const payload = { taskId: view.id, stepIndex: 1, elementTree: { artifactId: 'a' } };
    const response = presenter.events({
      taskId: view.id,
      events: [
        {
          id: `${view.id}:scraped:1`,
          subject: 'webbyflow.evt.browser.page_scraped.v1',
          version: 1,
          occurredAt: '2026-11-23T10:00:30.000Z',
          causationId: 'cmd-1',
          payload,
        },
      ],
      nextCursor: `${view.id}:scraped:1`,
    });
    expect(response).toEqual({
      task_id: view.id,
      events: [
        {
          id: `${view.id}:scraped:1`,
          subject: 'webbyflow.evt.browser.page_scraped.v1',
          version: 1,
          occurred_at: '2026-11-23T10:00:30.000Z',
          causation_id: 'cmd-1',
          payload,
        },
      ],
      next_cursor: `${view.id}:scraped:1`,
    });
    expect(EventsResponse.parse(response)).toEqual(response);
  });
});
