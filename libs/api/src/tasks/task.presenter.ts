import { Inject, Injectable } from '@nestjs/common';
import type { ReplyOf, StepViewV1, TaskViewV1 } from '@webbyflow/contracts';
import { API_OPTIONS, type ApiOptions } from '../api.options';
import { fromRecoveryRules } from './recovery-rules.request';
import type { EventsResponse, StepsResponse, TaskResponse, TasksResponse } from './task.response';

type StepsReply = ReplyOf<'webbyflow.qry.orchestrator.list_steps.v1'>;
type EventsReply = ReplyOf<'webbyflow.qry.orchestrator.list_events.v1'>;
type TasksReply = ReplyOf<'webbyflow.qry.orchestrator.list_tasks.v1'>;

/** Maps the orchestrator's views (camelCase) to the wire form of the API (snake_case, links). */
@Injectable()
export class TaskPresenter {
  private readonly baseUrl: string;

  constructor(@Inject(API_OPTIONS) options: ApiOptions) {
    this.baseUrl = options.publicBaseUrl.replace(/\/+$/, '');
  }

  artifactUrl(artifactId: string): string {
    return `${this.baseUrl}/v1/artifacts/${artifactId}/content`;
  }

  task(view: TaskViewV1): TaskResponse {
    return {
      id: view.id,
      status: view.status,
      url: view.url,
      goal: view.goal,
      output: view.output,
      failure_reason: view.failureReason,
      step_count: view.stepCount,
      max_steps: view.maxSteps,
      priority: view.priority ?? 0,
      planner: view.planner ?? null,
      plan_cache: {
        mode: view.planCache?.mode ?? 'use',
        outcome: view.planCache?.outcome ?? null,
        steps_replayed: view.planCache?.stepsReplayed ?? 0,
        recorded: view.planCache?.recorded ?? false,
      },
      created_at: view.createdAt,
      updated_at: view.updatedAt,
      started_at: view.startedAt,
      finished_at: view.finishedAt,
      webhook_url: view.webhookUrl,
      model: view.model ?? null,
      max_cost: view.maxCostUsd ?? null,
      usage: {
        input_tokens: view.usage?.inputTokens ?? 0,
        output_tokens: view.usage?.outputTokens ?? 0,
        cached_tokens: view.usage?.cachedTokens ?? 0,
        cost_usd: view.usage?.costUsd ?? 0,
        llm_calls: view.usage?.llmCalls ?? 0,
      },
      recovery_rules: fromRecoveryRules(view.recoveryRules ?? []),
      artifacts: view.artifacts.map((artifact) => ({
        id: artifact.id,
        kind: artifact.kind,
        content_type: artifact.contentType,
        size_bytes: artifact.sizeBytes,
        step_index: artifact.stepIndex,
        state: artifact.state,
        url: this.artifactUrl(artifact.id),
      })),
    };
  }

  steps(reply: StepsReply): StepsResponse {
    return { task_id: reply.taskId, steps: reply.steps.map((step) => this.step(step)) };
  }

  private step(step: StepViewV1): StepsResponse['steps'][number] {
    const link = (id: string | null) => (id ? this.artifactUrl(id) : null);
    return {
      index: step.index,
      status: step.status,
      url: step.url,
      reasoning: step.reasoning,
      input_tokens: step.inputTokens,
      output_tokens: step.outputTokens,
      planner: step.planner ?? null,
      planner_confidence: step.confidence ?? null,
      cache_miss: step.cacheMiss ?? null,

      cached_tokens: step.cachedTokens ?? 0,
      cost_usd: step.costUsd ?? 0,
      fallback: step.fallback ?? false,
      llm_calls: (step.llmCalls ?? []).map((call) => ({
        provider: call.provider,
        model: call.model,
        repair: call.repair,
        http_attempts: call.httpAttempts,
        http_statuses: call.httpStatuses,
        outcome: call.outcome,
        input_tokens: call.inputTokens,
        output_tokens: call.outputTokens,
        cached_tokens: call.cachedTokens,
        cost_usd: call.costUsd,
        duration_ms: call.durationMs,
        with_image: call.withImage,
      })),
      screenshot_url: link(step.screenshotArtifactId),
      element_tree_url: link(step.elementTreeArtifactId),
      actions: step.actions.map((action) => ({
        index: action.index,
        type: action.type,
        element_id: action.elementId,
        input: action.input,
        reasoning: action.reasoning,
        status: action.status,
        result: action.result,
      })),
      ...(step.recovery
        ? {
            recovery: step.recovery.map((r) => ({
              component: r.component,
              code: r.code,
              strategy: r.strategy,
              attempt: r.attempt,
              max_attempts: r.maxAttempts,
              status: r.status,
              reason: r.reason,
              created_at: r.createdAt,
            })),
          }
        : {}),
    };
  }

  events(reply: EventsReply): EventsResponse {
    return {
      task_id: reply.taskId,
      events: reply.events.map((event) => ({
        id: event.id,
        subject: event.subject,
        version: event.version,
        occurred_at: event.occurredAt,
        causation_id: event.causationId,
        payload: event.payload,
      })),
      next_cursor: reply.nextCursor,
    };
  }

  tasks(reply: TasksReply): TasksResponse {
    return {
      tasks: reply.tasks.map((task) => ({
        id: task.id,
        status: task.status,
        url: task.url,
        goal: task.goal,
        step_count: task.stepCount,
        failure_reason: task.failureReason,
        created_at: task.createdAt,
        finished_at: task.finishedAt,
      })),
      next_cursor: reply.nextCursor,
    };
  }
}
