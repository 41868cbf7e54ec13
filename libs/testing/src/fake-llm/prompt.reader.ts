/**
 * Reads the parts of a planner protocol v2 prompt (docs/planner-protocol.md) that scripts need: the
 * element list, the fenced page text and the payload. Kept free of @webbyflow/llm on purpose: it reads the
 * documented format with the contracts' parser, not the prompt builder's code.
 */
import { parseElementList, type ListedElement } from '@webbyflow/contracts';
import type { FakeLlmRequest } from './fake-llm.types';

export interface PromptElement {
  id: string;
  role: string;
  name: string;
  /** The element's attributes and states as words, e.g. `type=email required unchecked`. */
  attributes: string;
  options: Array<{ value: string; label: string; selected: boolean }>;
  /** Marked `*`: appeared since the last action. */
  isNew: boolean;
}

export interface ElementQuery {
  role?: string;
  /** A string matches case-insensitively, whole name first, then as a substring. */
  name: string | RegExp;
}

export function listElements(promptText: string): PromptElement[] {
  // Lines inside the page-text fence are page content, even when they look like element lines.
  const outsideFence = promptText.replace(/<page_text>[\s\S]*?<\/page_text>/g, '');
  // the goal and history are written by people and models: only the element section holds element lines
  const section = /(?:^|\n)## Elements\n([\s\S]*?)(?=\n## |(?![\s\S]))/.exec(outsideFence);
  return parseElementList(section ? section[1] : outsideFence).map(toPromptElement);
}

function toPromptElement(element: ListedElement): PromptElement {
  const values = Object.entries(element.values).map(([key, value]) => `${key}=${value}`);
  return {
    id: element.id,
    role: element.role,
    name: element.name,
    attributes: [...values, ...element.flags].join(' '),
    options: element.options,
    isNew: element.isNew,
  };
}

export function findElement(promptText: string, query: ElementQuery): PromptElement | undefined {
  const candidates = listElements(promptText).filter((e) => query.role === undefined || e.role === query.role);
  const { name } = query;
  if (name instanceof RegExp) return candidates.find((e) => name.test(e.name));
  const wanted = name.toLowerCase();
  return (
    candidates.find((e) => e.name.toLowerCase() === wanted) ??
    candidates.find((e) => e.name.toLowerCase().includes(wanted))
  );
}

/** The id the scraper gave the element, e.g. `findElementId(prompt, { role: 'textbox', name: 'Email' })`. */
export function findElementId(promptText: string, query: ElementQuery): string {
  const found = findElement(promptText, query);
  if (found) return found.id;
  const known = listElements(promptText).map((e) => `${e.id} ${e.role} ${JSON.stringify(e.name)}`);
  throw new Error(
    `no element with role=${query.role ?? '*'} name=${String(query.name)} in the prompt; elements: ${known.join(' | ') || '(none)'}`,
  );
}

/** The page text between the <page_text> markers ('' when absent). */
export function pageText(promptText: string): string {
  const match = /<page_text>\n?([\s\S]*?)\n?<\/page_text>/.exec(promptText);
  return match ? match[1] : '';
}

/** The payload object shown under `## Payload` ({} when absent). */
export function payloadOf(promptText: string): Record<string, unknown> {
  const match = /^## Payload\n(.*)$/m.exec(promptText);
  if (!match) return {};
  try {
    const value: unknown = JSON.parse(match[1]);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** Name of the answer format llm-svc sends with a completion check (OpenAI `json_schema`, Anthropic tool). */
export const COMPLETION_CHECK_FORMAT = 'submit_verdict';

/** True when the request is llm-svc's completion check rather than a plan request. */
export function isCompletionCheck(request: FakeLlmRequest): boolean {
  if (request.forcedTool === COMPLETION_CHECK_FORMAT) return true;
  const body = request.body as { response_format?: { json_schema?: { name?: unknown } } } | undefined;
  return body?.response_format?.json_schema?.name === COMPLETION_CHECK_FORMAT;
}

/** A completion-check answer: met when the page shows `proof`. */
export function verdictFor(request: FakeLlmRequest, proof: RegExp): string {
  const met = proof.test(pageText(request.promptText));
  const reason = met ? 'The page shows the confirmation.' : 'The page does not show a confirmation yet.';
  return JSON.stringify({ met, reason });
}
