import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Prompts kept as Markdown files beside this module (copied into dist by the lib's build). */
export type PromptFile = 'completion-check' | 'planner-system';

const cache = new Map<PromptFile, string>();

/** The text of a prompt file, read once. */
export function promptFile(name: PromptFile): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(__dirname, `${name}.md`), 'utf8').trim();
    cache.set(name, text);
  }
  return text;
}
