/**
 * Reads the parts of a planner protocol v1 prompt (docs/planner-protocol.md) that scripts need: the
 * element list, the fenced page text and the payload. Kept free of @webbyflow/llm on purpose: it checks
 * the documented format, not the builder's code.
 */
import type { FakeLlmRequest } from './fake-llm.types';
export interface PromptElement {
  id: string;
  role: string;
  name: string;
  /** Everything after the name, e.g. `type=email value="" required`. */
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

const LINE = /^(\*)?\[([^\]\s]+)\] (\S+) ("(?:[^"\\]|\\.)*")(.*)$/;
const QUOTED = '"(?:[^"\\\\]|\\\\.)*"';
const OPTION = new RegExp(`(${QUOTED})(?:=(${QUOTED}))?(\\*)?`, 'g');

export function listElements(promptText: string): PromptElement[] {
  const out: PromptElement[] = [];
  // Lines inside the page-text fence are page content, even when they look like element lines.
  const outsideFence = promptText.replace(/<page_text>[\s\S]*?<\/page_text>/g, '');
  for (const line of outsideFence.split('\n')) {
    const match = LINE.exec(line);
    if (!match) continue;
    const [, star, id, role, name, rest] = match;
    out.push({
      id,
      role,
      name: JSON.parse(name) as string,
      attributes: rest.trim(),
      options: parseOptions(rest),
      isNew: star === '*',
    });
  }
  return out;
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

function parseOptions(attributes: string): PromptElement['options'] {
  const start = attributes.indexOf('options=[');
  if (start < 0) return [];
  const list = attributes.slice(start + 'options=['.length);
  const out: PromptElement['options'] = [];
  for (const match of list.matchAll(OPTION)) {
    const first = JSON.parse(match[1]) as string;
    const label = match[2] === undefined ? first : (JSON.parse(match[2]) as string);
    out.push({ value: first, label, selected: match[3] === '*' });
  }
  return out;
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
