import type { z } from 'zod';
import type { ActionV1, ElementTreeV1 } from '@webbyflow/contracts';
import { ExtractionValidator } from './extraction.validator';
import { PlanAnswerV1, toActionsV1, type WireActionV1 } from './plan-answer.schema';

export interface ParsedPlan {
  ok: true;
  reasoning: string;
  actions: ActionV1[];
}
export interface RejectedPlan {
  ok: false;
  /** One line per problem, `path: problem`, ready to show the model. */
  problems: string[];
}
export type PlanParseResult = ParsedPlan | RejectedPlan;

export interface PlanAnswerContext {
  tree: ElementTreeV1;
  extractionSchema: Record<string, unknown> | null;
}

const FENCED = /^```(?:json|JSON)?[ \t]*\r?\n([\s\S]*?)\r?\n?```$/;

/** Turns the model's raw text into actions, or into precise problems to send back to it. */
export class PlanAnswerParser {
  constructor(private readonly extraction = new ExtractionValidator()) {}

  parse(text: string, context: PlanAnswerContext): PlanParseResult {
    const json = extractJson(text);
    if (!json.ok) return json;
    const parsed = PlanAnswerV1.safeParse(json.value);
    if (!parsed.success) return { ok: false, problems: formatIssues(parsed.error.issues) };
    const problems = this.check(parsed.data.actions, context);
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, reasoning: parsed.data.reasoning, actions: toActionsV1(parsed.data) };
  }

  private check(actions: WireActionV1[], context: PlanAnswerContext): string[] {
    const elements = new Map(context.tree.elements.map((element) => [element.id, element]));
    const problems: string[] = [];
    actions.forEach((action, index) => {
      const at = `actions[${index}]`;
      if ((action.action === 'complete' || action.action === 'terminate') && index !== actions.length - 1) {
        problems.push(`${at}.action: "${action.action}" must be the last action`);
      }
      if ('element_id' in action && action.element_id !== undefined && !elements.has(action.element_id)) {
        problems.push(`${at}.element_id: unknown element id "${action.element_id}" (use an id from the element list)`);
      }
      if (action.action === 'drag_and_drop' && !elements.has(action.target_element_id)) {
        problems.push(
          `${at}.target_element_id: unknown element id "${action.target_element_id}" (use an id from the element list)`,
        );
      }
      const tab = action.action === 'switch_tab' || action.action === 'close_tab' ? action.value : undefined;
      if (tab !== undefined && context.tree.tabs && !context.tree.tabs.some((t) => t.id === tab)) {
        problems.push(`${at}.value: unknown tab id "${tab}" (use an id from the tab list)`);
      }
      if (action.action === 'select_option') {
        const options = elements.get(action.element_id)?.options;
        const match = options?.some((o) => o.value === action.value || o.label === action.value);
        if (options && options.length > 0 && !match) {
          const known = options.slice(0, 10).map((o) => JSON.stringify(o.value));
          problems.push(
            `${at}.value: "${action.value}" is not an option of ${action.element_id} (options: ${known.join(', ')})`,
          );
        }
      }
      if (action.action === 'terminate' && !action.value?.trim() && !action.reasoning?.trim()) {
        problems.push(`${at}: terminate needs "value" or "reasoning" saying why the goal cannot be met`);
      }
      if (action.action === 'complete' && context.extractionSchema) {
        problems.push(...this.checkExtraction(at, action.extracted_data, context.extractionSchema));
      }
    });
    return problems;
  }

  private checkExtraction(at: string, data: unknown, schema: Record<string, unknown>): string[] {
    if (data === undefined) return [`${at}.extracted_data: required, matching the extraction schema`];
    const verdict = this.extraction.validate(schema, data);
    return verdict.ok ? [] : verdict.problems.map((p) => `${at}.extracted_data${p.path}: ${p.message}`);
  }
}

/** Accepts bare JSON or one ```json fenced block, nothing else. */
export function extractJson(text: string): { ok: true; value: unknown } | RejectedPlan {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problems: ['(root): the answer is empty; reply with one JSON object'] };
  const body = FENCED.exec(trimmed)?.[1] ?? trimmed;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [`(root): not valid JSON (${reason}); reply with one JSON object and no other text`],
    };
  }
}

/** `actions[1].element_id: Invalid input: expected string, received undefined` */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.slice(0, 10).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}
