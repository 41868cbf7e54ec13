import type { ActionV1, ElementTreeV1, HistoryEntryV1 } from '@webbyflow/contracts';
import { noModelUsage, type PlanResult } from '../planner/llm-planner.service';
import type { PlanInput } from '../prompt/plan-input';
import { isSecretKey, placeholder } from '../prompt/payload.formatter';
import { matchFields, payloadLeaves, type FieldMatch, type PayloadLeaf } from './field-matcher';
import { findSubmit, readSignals } from './page-signals';
import { extractFromPage } from './schema-extractor';
import { formatValue } from './value-formatter';

/** A plan made without a model, and how sure the heuristics are of it (0–1). */
export interface HeuristicPlan {
  actions: ActionV1[];
  reasoning: string;
  confidence: number;
}

/** The heuristic's plan as every planner reports one (no tokens), with its confidence. */
export interface HeuristicPlanResult extends PlanResult {
  confidence: number;
}

/** What `model` says on a heuristic plan: the rule set's version. */
export const HEURISTIC_MODEL = 'heuristic-v1';

/** Confidence of a plan when some payload value has no field: the model may know where it goes. */
const UNPLACED_VALUE_CAP = 0.5;
/** A site error after a submit: the heuristic stops, a model may be able to fix the input. */
const SITE_ERROR_CONFIDENCE = 0.6;
/** Submits after which a form that is still there ends the run instead of sending it again. */
const MAX_SUBMITS = 2;

/**
 * The no-model planner: fills a form from the payload and sends it, then reads whether the site took
 * it and extracts the schema's fields from the page. Secret values are written as placeholders, which
 * the orchestrator substitutes at action time, as for the LLM planner.
 */
export class HeuristicPlannerService {
  /** The planner interface llm-svc uses (`StepPlanner`): no model, so no tokens and one attempt. */
  plan(input: PlanInput, tree: ElementTreeV1): Promise<HeuristicPlanResult> {
    const plan = this.decide(input, tree);
    return Promise.resolve({ ...plan, ...noModelUsage('heuristic', HEURISTIC_MODEL) });
  }

  decide(input: PlanInput, tree: ElementTreeV1): HeuristicPlan {
    if (tree.captcha) return terminate(`the page shows a ${tree.captcha} CAPTCHA, which is not solved`, 0.9);
    const leaves = payloadLeaves(input.payload);
    const matches = matchFields(leaves, tree.elements);
    const submits = submitCount(input.history);
    if (submits > 0 && lastStepSubmitted(input.history)) {
      const signals = readSignals(tree);
      const formStill = leaves.length > 0 && matches.length >= Math.ceil(leaves.length / 2);
      if (signals.errors.length > 0 && (formStill || signals.successes.length === 0))
        return terminate(`the site reported: ${signals.errors.slice(0, 3).join(' / ')}`, SITE_ERROR_CONFIDENCE);
      if (formStill && submits >= MAX_SUBMITS)
        return terminate(`the form was sent ${submits} times and is still shown, with no message`, 0.5);
      if (!formStill) return this.finish(input, tree, signals.successes[0]);
    }
    if (leaves.length === 0) return this.finish(input, tree, undefined);
    return this.fill(input, tree, leaves, matches);
  }

  private fill(input: PlanInput, tree: ElementTreeV1, leaves: PayloadLeaf[], matches: FieldMatch[]): HeuristicPlan {
    if (matches.length === 0) return terminate('no field on the page matches a payload key', 0.1);
    const actions: ActionV1[] = [];
    const notes: string[] = [];
    let fit = 1;
    // in page order, as a person fills a form (some sites reveal fields as earlier ones are filled)
    const position = new Map(tree.elements.map((e, index) => [e.id, index]));
    const inPageOrder = [...matches].sort(
      (a, b) => (position.get(a.element.id) ?? 0) - (position.get(b.element.id) ?? 0),
    );
    for (const match of inPageOrder) {
      const key = match.leaf.path.join('.');
      const secret = match.leaf.path.some(isSecretKey);
      const text = secret ? placeholder(match.leaf.path) : stringOf(match.leaf.value);
      const formatted = formatValue(match.element, match.leaf.value, text, secret);
      if (formatted.kind === 'misfit') {
        notes.push(formatted.why);
        fit = Math.min(fit, 0.3);
        continue;
      }
      if (formatted.kind === 'already') continue;
      fit = Math.min(fit, formatted.fit);
      const reasoning = `payload.${key} → "${match.element.name || match.element.placeholder || match.element.id}" (by ${match.via}, ${match.score.toFixed(2)})`;
      actions.push({ ...formatted.action, reasoning });
    }
    const submit = findSubmit(tree.elements) ?? pressEnterInstead(actions);
    if (!submit) return terminate('no submit button and no text field to press Enter in', 0.2);
    if (submit.element)
      actions.push({
        type: 'click',
        elementId: submit.element.id,
        reasoning: `send the form ("${submit.element.name}")`,
      });
    const placed = new Set(matches.map((m) => m.leaf));
    const unplaced = leaves.filter((leaf) => !placed.has(leaf)).map((leaf) => leaf.path.join('.'));
    const unfilledRequired = tree.elements.filter(
      (e) => e.required && !e.value && !e.checked && !matches.some((m) => m.element.id === e.id),
    );
    const average = matches.reduce((sum, m) => sum + m.score, 0) / matches.length;
    let confidence = Math.min(average, fit) * submit.score - 0.15 * unfilledRequired.length;
    if (unplaced.length > 0) confidence = Math.min(confidence, UNPLACED_VALUE_CAP);
    if (unplaced.length > 0) notes.push(`no field for ${unplaced.map((k) => `payload.${k}`).join(', ')}`);
    if (unfilledRequired.length > 0)
      notes.push(`required fields left empty: ${unfilledRequired.map((e) => `"${e.name}"`).join(', ')}`);
    const reasoning = `Fill ${matches.length} field(s) from the payload and send the form.${notes.length ? ` ${notes.join('; ')}.` : ''}`;
    return { actions, reasoning, confidence: clamp(confidence) };
  }

  /** After a successful submit, or with nothing to type: extract what the schema asks for and complete. */
  private finish(input: PlanInput, tree: ElementTreeV1, success: string | undefined): HeuristicPlan {
    const said = success ? ` The page says "${success}".` : '';
    if (!input.extractionSchema) {
      const confidence = success ? 0.85 : 0.3;
      return { actions: [{ type: 'complete', reasoning: 'the form was sent' }], reasoning: `Done.${said}`, confidence };
    }
    const extraction = extractFromPage(input.extractionSchema, tree);
    if (extraction.missingRequired.length > 0)
      return terminate(`the page does not show ${extraction.missingRequired.join(', ')}`, 0.2);
    const total = extraction.found.length + extraction.missing.length;
    const confidence = total === 0 ? 0.3 : 0.5 + 0.45 * (extraction.found.length / total);
    const fields = extraction.found.join(', ') || 'nothing';
    return {
      actions: [{ type: 'complete', data: extraction.data, reasoning: `read ${fields} from the page` }],
      reasoning: `Extracted ${fields} from the page text.${said}`,
      confidence,
    };
  }
}

function terminate(reason: string, confidence: number): HeuristicPlan {
  return {
    actions: [{ type: 'terminate', reason, reasoning: '' }],
    reasoning: `Heuristic planner: ${reason}.`,
    confidence,
  };
}

/** With no submit button, Enter in the last text field sends most forms; a guess, so it scores low. */
function pressEnterInstead(actions: ActionV1[]): { element: undefined; score: number } | undefined {
  const last = actions.findLastIndex((a) => a.type === 'input_text');
  const action = actions[last];
  if (action?.type !== 'input_text') return undefined;
  actions[last] = { ...action, pressEnter: true };
  return { element: undefined, score: 0.5 };
}

const clamp = (n: number) => Math.max(0, Math.min(1, Math.round(n * 100) / 100));

const stringOf = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

const isSubmitClick = (entry: HistoryEntryV1) => entry.action.type === 'click' && entry.result.success;

function submitCount(history: readonly HistoryEntryV1[]): number {
  return history.filter(isSubmitClick).length;
}

function lastStepSubmitted(history: readonly HistoryEntryV1[]): boolean {
  const last = Math.max(...history.map((h) => h.stepIndex));
  return history.some((h) => h.stepIndex === last && isSubmitClick(h));
}
