import type { ElementTreeV1, ElementV1 } from '@webbyflow/contracts';

const ERROR_LINE =
  /\b(error|invalid|incorrect|wrong|failed|not valid|is required|must be|please (fix|correct|enter|choose|select|provide)|try again|could not|couldn't|unable to|denied|not found)\b/i;
// "Fields marked * are required" and "Forgot your password?" are instructions, not errors
const NOT_AN_ERROR = /\b(marked|optional|forgot|if you)\b/i;
const SUCCESS_LINE =
  /\b(thank you|thanks|success(fully)?|received|has been sent|was sent|submitted|confirmed|confirmation|welcome|signed in|logged in)\b/i;

const SUBMIT_WORDS =
  /\b(submit|send|sign ?in|log ?in|continue|register|sign ?up|save|next|search|apply|confirm|place order|subscribe|book|pay|create|ok|go)\b/i;
const NOT_SUBMIT = /\b(cancel|reset|back|previous|clear|help|close|forgot|delete|remove)\b/i;

/** What the page says about the last submit: error lines (and invalid fields), success lines. */
export interface PageSignals {
  errors: string[];
  successes: string[];
}

export function readSignals(tree: Pick<ElementTreeV1, 'text' | 'elements' | 'dialogs'>): PageSignals {
  const lines = tree.text.split('\n').map((line) => line.trim());
  const dialogLines = (tree.dialogs ?? []).map((d) => d.message);
  const errors = [...lines, ...dialogLines].filter(
    (l) => l.length < 300 && ERROR_LINE.test(l) && !NOT_AN_ERROR.test(l),
  );
  for (const e of tree.elements) if (e.invalid && e.name) errors.push(`${e.name} is invalid`);
  const successes = [...lines, ...dialogLines].filter((l) => l.length < 300 && SUCCESS_LINE.test(l));
  return { errors: unique(errors), successes: unique(successes) };
}

const unique = (list: string[]) => [...new Set(list)];

/** The button that sends the form, with how sure the pick is (0–1); undefined when there is none. */
export function findSubmit(elements: readonly ElementV1[]): { element: ElementV1; score: number } | undefined {
  const scored = elements
    .filter((e) => !e.disabled && (e.role === 'button' || e.tag === 'button' || e.type === 'submit'))
    .map((e) => {
      const label = `${e.name} ${e.text ?? ''}`;
      if (NOT_SUBMIT.test(label)) return { element: e, score: 0 };
      const named = SUBMIT_WORDS.test(label);
      const submit = e.type === 'submit';
      return { element: e, score: submit && named ? 1 : submit ? 0.85 : named ? 0.75 : 0 };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  return scored[0];
}
